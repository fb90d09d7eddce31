function probe {
  input {
  }

  stack {
    db.edit post {
      field_name = "id"
      field_value = $input.id
      data = {title: "New"}
    } as $result
  }

  response = $result
}
