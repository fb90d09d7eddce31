function probe {
  input {
  }

  stack {
    return {
      value = 42
    }

    var $result {
      value = 0
    }
  }

  response = $result
}
