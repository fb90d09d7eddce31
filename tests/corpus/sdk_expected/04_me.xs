query "auth/me" verb=GET {
  auth = "user"

  input {
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $auth.id
    } as $user
  }

  response = {id: $user.id, name: $user.name, email: $user.email}
}
