table user {
  auth = true

  schema {
    int id
    timestamp created_at?=now
    text name filters=trim
    email email filters=trim|lower {
      sensitive = true
    }

    password password {
      sensitive = true
    }
  }

  index = [
    {type: "primary", field: [{name: "id"}]}
    {type: "btree|unique", field: [{name: "email", op: "asc"}]}
    {type: "btree", field: [{name: "created_at", op: "desc"}]}
  ]
}
---
api_group auth {
  canonical = "auth"
}
---
query "auth/signup" verb=POST {
  api_group = "auth"
  description = "Create a user and return an auth token"

  input {
    text name filters=trim
    email email filters=trim|lower
    password password filters=min:8
  }

  stack {
    db.get user {
      field_name = "email"
      field_value = $input.email
    } as $existing

    precondition ($existing == null) {
      error_type = "inputerror"
      error = "This email is already registered"
    }

    db.add user {
      data = {
        name      : $input.name
        email     : $input.email
        password  : $input.password
        created_at: "now"
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
---
query "auth/login" verb=POST {
  api_group = "auth"
  description = "Exchange email and password for an auth token"

  input {
    email email filters=trim|lower
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
    } as $password_ok

    precondition ($password_ok) {
      error_type = "accessdenied"
      error = "Invalid credentials"
    }

    security.create_auth_token {
      table = "user"
      id = $user.id
      expiration = 86400
      extras = {}
    } as $authToken
  }

  response = {authToken: $authToken}
}
---
query "auth/me" verb=GET {
  api_group = "auth"
  auth = "user"
  description = "The signed-in user"

  input {
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $auth.id
    } as $user

    precondition ($user != null) {
      error_type = "notfound"
      error = "Account not found"
    }
  }

  response = {
    id        : $user.id
    created_at: $user.created_at
    name      : $user.name
    email     : $user.email
  }
}
