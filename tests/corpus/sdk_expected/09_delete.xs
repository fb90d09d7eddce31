query "posts/{post_id}" verb=DELETE {
  auth = "user"

  input {
    int post_id
  }

  stack {
    db.get post {
      field_name = "id"
      field_value = $input.post_id
    } as $post

    precondition ($post.user_id == $auth.id) {
      error_type = "accessdenied"
      error = "Forbidden"
    }

    db.del post {
      field_name = "id"
      field_value = $input.post_id
    }
  }

  response = {success: true}
}
