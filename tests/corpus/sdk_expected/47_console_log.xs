query ping verb=GET {
  input {
  }

  stack {
  }

  response = {pong: true}
}
