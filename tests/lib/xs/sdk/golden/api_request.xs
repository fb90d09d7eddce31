function probe {
  input {
  }

  stack {
    api.request {
      url = "https://api.example.com/items"
      method = "POST"
      params = {name: $input.name}
      headers = [
        "Content-Type: application/json"
        "Authorization: " ~ $env.API_AUTH
      ]
      timeout = 30
    } as $result
  }

  response = $result
}
