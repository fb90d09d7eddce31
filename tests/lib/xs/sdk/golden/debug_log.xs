function probe {
  input {
  }

  stack {
    debug.log {
      value = {at: "start"}
    }

    var $result {
      value = 1
    }
  }

  response = $result
}
