query "admin/users" verb=GET {
  auth = "user"

  input {
    text search?
    int page?=1
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $auth.id
    } as $me

    precondition ($me.role == "admin") {
      error_type = "accessdenied"
      error = "Admins only"
    }

    db.query user {
      where = $db.user.name includes? $input.search
      sort = {user.created_at: "desc"}
      return = {type: "list", paging: {page: $input.page, per_page: 50}}
      output = ["id", "name", "email", "role", "created_at"]
    } as $users
  }

  response = $users
}
