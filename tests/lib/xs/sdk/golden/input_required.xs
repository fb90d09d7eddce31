query echo verb=POST {
  input {
    text name
  }

  stack {
  }

  response = $input.name
}
