function probe {
  input {
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $input.id
    } as $result
  }

  response = $result
}
