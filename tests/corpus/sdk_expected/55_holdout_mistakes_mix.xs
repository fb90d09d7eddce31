query "user/update" verb=PUT {
  auth = "user"

  input {
    text first_name?
    text last_name?
    decimal age?
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $auth.id
    } as $currentUser

    db.edit user {
      field_name = "id"
      field_value = $auth.id
      data = {
        first_name: $input.first_name
        last_name : $input.last_name
        age       : $input.age
      }
    } as $updatedUser
  }

  response = $updatedUser
}
