function probe {
  input {
  }

  stack {
    var $result {
      value = 0
    }

    conditional {
      if ($input.n > 10) {
        var.update $result {
          value = 2
        }
      }

      elseif ($input.n > 5) {
        var.update $result {
          value = 1
        }
      }

      else {
        debug.log {
          value = "small"
        }
      }
    }
  }

  response = $result
}
