function probe {
  input {
  }

  stack {
    var $result {
      value = 0
    }

    conditional {
      if ($input.flag) {
        var.update $result {
          value = 1
        }
      }

      else {
        var.update $result {
          value = 2
        }
      }
    }
  }

  response = $result
}
