query health verb=HEAD {
  input {
  }
  stack {
    var $ok {
      value = true
    }
  }
  response = $ok
}
