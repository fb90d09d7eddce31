function probe {
  input {
  }

  stack {
    var $result {
      value = 1
    }

    var.update $result {
      value = $result + 1
    }
  }

  response = $result
}
