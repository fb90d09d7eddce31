function probe {
  input {
  }

  stack {
    var $result {
      value = []
    }

    foreach ($input.items) {
      each as $item {
        debug.log {
          value = $item
        }
      }
    }
  }

  response = $result
}
