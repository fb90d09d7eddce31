function probe {
  input {
  }

  stack {
    security.create_auth_token {
      table = "user"
      id = $input.id
      expiration = 3600
      extras = {}
    } as $result
  }

  response = $result
}
