query ping verb=GET {
  input {
  }

  stack {
  }

  response = {ok: true}
}
