function probe {
  input {
  }

  stack {
    var $changes {
      value = {}
    }

    db.patch post {
      field_name = "id"
      field_value = 1
      data = $changes
    } as $result
  }

  response = $result
}
