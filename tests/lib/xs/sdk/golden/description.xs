query ping verb=GET {
  description = "Says \"pong\""

  input {
  }

  stack {
  }

  response = "pong"
}
