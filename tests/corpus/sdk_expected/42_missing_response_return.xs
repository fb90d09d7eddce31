function double {
  input {
    int value?=1
  }

  stack {
    var $result {
      value = $input.value * 2
    }
  }

  response = $result
}
