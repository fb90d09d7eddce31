query notify verb=POST {
  auth = "user"

  input {
    text message
  }

  stack {
    api.request {
      url = "https://hooks.slack.com/services/XXX"
      method = "POST"
      params = {text: $input.message}
      headers = ["Content-Type: application/json"]
    } as $slack
  }

  response = {ok: true, status: $slack.response.status}
}
