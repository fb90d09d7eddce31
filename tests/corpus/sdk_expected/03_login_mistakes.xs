query "auth/login" verb=POST {
  input {
    text email
    text password
  }

  stack {
    db.get user {
      field_name = "email"
      field_value = $input.email
    } as $user

    precondition ($user != null) {
      error_type = "accessdenied"
      error = "Invalid credentials"
    }

    security.check_password {
      text_password = $input.password
      hash_password = $user.password
    } as $valid

    precondition ($valid) {
      error_type = "accessdenied"
      error = "Invalid credentials"
    }

    security.create_auth_token {
      table = "user"
      id = $user.id
      expiration = 86400
      extras = {}
    } as $token
  }

  response = {authToken: $token}
}
