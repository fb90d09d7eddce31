query summary verb=GET {
  input {
  }

  stack {
  }

  response = {id: 1, name: $input.name, list: [1, "a"]}
}
