query hello verb=GET {
  input {
    text name
  }

  stack {
    var $message {
      value = "Hello there"
    }
  }

  response = {message: $message ~ " " ~ $input.name}
}
