query "github/repos" verb=GET {
  input {
    text username
  }

  stack {
    api.request {
      url = "https://api.github.com/users/" ~ $input.username ~ "/repos"
      method = "GET"
      headers = ["User-Agent: xano", "Accept: application/vnd.github+json"]
    } as $repos
  }

  response = $repos.response.result
}
