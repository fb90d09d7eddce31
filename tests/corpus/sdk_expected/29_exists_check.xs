query "username/check" verb=GET {
  input {
    text username filters=trim|lower
  }

  stack {
    db.has user {
      field_name = "username"
      field_value = $input.username
    } as $taken
  }

  response = {available: "!$taken"}
}
