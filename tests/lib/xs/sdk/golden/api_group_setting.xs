query ping verb=GET {
  api_group = "ops"

  input {
  }

  stack {
  }

  response = 1
}
