query "webhooks/stripe" verb=POST {
  api_group = "billing"
  input {
    json payload
  }
  stack {
    api.request {
      url = "https://api.example.com/notify"
      method = "POST"
      body = $input.payload
      headers = []|push:"Content-Type: application/json"
    } as $result
    debug.log { value = $result.response.status } // log it
  }
  response = {ok: true}
}
