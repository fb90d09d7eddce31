function probe {
  input {
  }

  stack {
    function.run "reports/daily" as $result
  }

  response = $result
}
