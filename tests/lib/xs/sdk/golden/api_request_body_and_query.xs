function probe {
  input {
  }

  stack {
    api.request {
      url = "https://api.example.com/items"|url_addarg:"dry":"yes"
      method = "PUT"
      params = {a: 1}
    } as $result
  }

  response = $result
}
