query "auth/signup" verb=POST {
  input {
    text name
    email email
    password password
  }

  stack {
    db.get user {
      field_name = "email"
      field_value = $input.email
    } as $existing

    precondition ($existing == null) {
      error_type = "inputerror"
      error = "Email already registered"
    }

    db.add user {
      data = {
        name    : $input.name
        email   : $input.email
        password: $input.password
      }
    } as $user

    security.create_auth_token {
      table = "user"
      id = $user.id
      expiration = 86400
      extras = {}
    } as $authToken
  }

  response = {authToken: $authToken}
}
