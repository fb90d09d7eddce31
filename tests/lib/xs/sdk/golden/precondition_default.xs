function probe {
  input {
  }

  stack {
    precondition ($input.age >= 18) {
      error_type = "inputerror"
      error = "Too young"
    }

    var $result {
      value = true
    }
  }

  response = $result
}
