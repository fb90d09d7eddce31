function probe {
  input {
  }

  stack {
    db.has user {
      field_name = "email"
      field_value = "a@b.co"
    } as $result
  }

  response = $result
}
