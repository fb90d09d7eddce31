function probe {
  input {
  }

  stack {
    var $result {
      value = 0
    }

    foreach ($input.items) {
      each as $item {
        var.update $result {
          value = $result + $item
        }
      }
    }
  }

  response = $result
}
