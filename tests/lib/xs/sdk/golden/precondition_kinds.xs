function probe {
  input {
  }

  stack {
    precondition ($auth.id != null) {
      error_type = "accessdenied"
      error = "Sign in first"
    }

    precondition ($input.id > 0) {
      error_type = "notfound"
      error = "Not found"
    }

    precondition ($input.ok) {
      error_type = "standard"
      error = "Broken"
    }

    var $result {
      value = true
    }
  }

  response = $result
}
