function probe {
  input {
  }

  stack {
    security.check_password {
      text_password = $input.password
      hash_password = $input.hash
    } as $result
  }

  response = $result
}
