function countdown {
  input {
    int from
  }

  stack {
    var $n {
      value = $input.from
    }

    var $steps {
      value = []
    }

    while ($n > 0) {
      each {
        var.update $steps {
          value = $steps|push:$n
        }

        var.update $n {
          value = $n - 1
        }
      }
    }
  }

  response = $steps
}
