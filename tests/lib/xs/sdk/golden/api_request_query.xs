function probe {
  input {
  }

  stack {
    api.request {
      url = "https://api.example.com/search"
      method = "GET"
      params = {q: $input.q}
    } as $result
  }

  response = $result
}
