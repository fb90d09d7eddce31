table member {
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
api_group members {
  canonical = "members"
}
---
query "auth/signup" verb=POST {
  api_group = "members"
  description = "Create a member and return an auth token"

  input {
    text name filters=trim
    email email filters=trim|lower
    password password filters=min:12
  }

  stack {
    db.get member {
      field_name = "email"
      field_value = $input.email
    } as $existing

    precondition ($existing == null) {
      error_type = "inputerror"
      error = "This email is already registered"
    }

    db.add member {
      data = {
        name      : $input.name
        email     : $input.email
        password  : $input.password
        created_at: "now"
      }
    } as $member

    security.create_auth_token {
      table = "member"
      id = $member.id
      expiration = 3600
      extras = {}
    } as $authToken
  }

  response = {authToken: $authToken}
}
---
query "auth/login" verb=POST {
  api_group = "members"
  description = "Exchange email and password for an auth token"

  input {
    email email filters=trim|lower
    text password
  }

  stack {
    db.get member {
      field_name = "email"
      field_value = $input.email
    } as $member

    precondition ($member != null) {
      error_type = "accessdenied"
      error = "Invalid credentials"
    }

    security.check_password {
      text_password = $input.password
      hash_password = $member.password
    } as $password_ok

    precondition ($password_ok) {
      error_type = "accessdenied"
      error = "Invalid credentials"
    }

    security.create_auth_token {
      table = "member"
      id = $member.id
      expiration = 3600
      extras = {}
    } as $authToken
  }

  response = {authToken: $authToken}
}
---
query "auth/me" verb=GET {
  api_group = "members"
  auth = "member"
  description = "The signed-in member"

  input {
  }

  stack {
    db.get member {
      field_name = "id"
      field_value = $auth.id
    } as $member

    precondition ($member != null) {
      error_type = "notfound"
      error = "Account not found"
    }
  }

  response = {
    id        : $member.id
    created_at: $member.created_at
    name      : $member.name
    email     : $member.email
  }
}
