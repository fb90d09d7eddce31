query summary verb=GET {
  input {
  }

  stack {
  }

  response = {
    identifier  : $input.identifier
    display_name: $input.display_name
    nested      : {a: 1}
  }
}
