function probe {
  input {
  }

  stack {
    db.del post {
      field_name = "id"
      field_value = $input.id
    }
  }

  response = "ok"
}
