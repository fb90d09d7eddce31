query "account/password" verb=POST {
  auth = "user"

  input {
    password current_password
    password new_password filters=min:8
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $auth.id
    } as $user

    security.check_password {
      text_password = $input.current_password
      hash_password = $user.password
    } as $ok

    precondition ($ok) {
      error_type = "accessdenied"
      error = "Current password is wrong"
    }

    db.edit user {
      field_name = "id"
      field_value = $auth.id
      data = {password: $input.new_password}
    } as $user
  }

  response = {changed: true}
}
