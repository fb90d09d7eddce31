query "admin/reset" verb=POST {
  auth = "user"

  input {
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $auth.id
    } as $me

    conditional {
      if ($me.role != "admin") {
        throw {
          name = "AccessDenied"
          value = "Admins only"
        }
      }
    }
  }

  response = {ok: true}
}
