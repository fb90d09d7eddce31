query "ai/summarize" verb=POST {
  auth = "user"

  input {
    text text
  }

  stack {
    api.request {
      url = "https://api.openai.com/v1/chat/completions"
      method = "POST"
      params = {
        model   : "gpt-4o-mini"
        messages: [
          {
            role   : "system"
            content: "Summarize the user text in two sentences."
          }
          {role: "user", content: $input.text}
        ]
      }
      headers = [
        "Content-Type: application/json"
        "Authorization: " ~ "Bearer " ~ $env.OPENAI_API_KEY
      ]
      timeout = 60
    } as $completion

    precondition ($completion.response.status == 200) {
      error_type = "inputerror"
      error = "OpenAI request failed"
    }
  }

  response = {
    summary: $completion.response.result.choices[0].message.content
  }
}
