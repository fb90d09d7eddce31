function probe {
  input {
  }

  stack {
    var $result {
      value = 0
    }

    while ($result < 3) {
      each {
        var.update $result {
          value = $result + 1
        }
      }
    }
  }

  response = $result
}
