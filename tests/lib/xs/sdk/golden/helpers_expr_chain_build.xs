function probe {
  input {
  }

  stack {
    var $a {
      value = $input.x + 1
    }

    var $b {
      value = $input.name|trim|to_lower|concat:"!"
    }

    var $c {
      value = {k: $a}
    }

    var $result {
      value = [$b, $c]
    }
  }

  response = $result
}
