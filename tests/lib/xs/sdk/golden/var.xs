function probe {
  input {
  }

  stack {
    var $result {
      value = {count: 0, name: "x", items: [1, 2]}
    }
  }

  response = $result
}
