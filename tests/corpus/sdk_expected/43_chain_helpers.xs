query "profile/summary" verb=GET {
  auth = "user"

  input {
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $auth.id
    } as $user

    var $display {
      value = $user.name|trim|capitalize
    }

    var $meta {
      value = {id: $user.id, name: $display}
    }

    var $tags {
      value = ["member", $user.role]
    }
  }

  response = {meta: $meta, tags: $tags}
}
