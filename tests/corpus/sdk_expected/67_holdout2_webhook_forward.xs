query "hooks/github" verb=POST {
  input {
    json payload
  }

  stack {
    function.run "hooks/verify_github" {
      input = {payload: $input.payload}
    } as $verified

    precondition ($verified) {
      error_type = "accessdenied"
      error = "Bad signature"
    }

    api.request {
      url = $env.SLACK_WEBHOOK_URL
      method = "POST"
      params = {text: "New GitHub event"}
    } as $slack
  }

  response = {forwarded: true}
}
