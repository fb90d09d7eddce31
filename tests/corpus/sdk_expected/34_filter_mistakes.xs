query "users/by-email" verb=GET {
  input {
    email email
  }

  stack {
    var $normalized {
      value = $input.email|to_lower|trim
    }

    db.get user {
      field_name = "email"
      field_value = $normalized
    } as $user

    precondition ($user != null) {
      error_type = "notfound"
      error = "No such user"
    }
  }

  response = $user
}
