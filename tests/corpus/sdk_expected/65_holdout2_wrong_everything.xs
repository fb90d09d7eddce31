query "/account" verb=DELETE {
  auth = "user"

  input {
    bool confirm
  }

  stack {
    precondition ($input.confirm == true) {
      error_type = "inputerror"
      error = "Please confirm"
    }

    db.del user {
      field_name = "id"
      field_value = $auth.id
    }
  }

  response = {deleted: true}
}
