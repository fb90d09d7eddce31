query "posts/{post_id}" verb=PATCH {
  auth = "user"

  input {
    int post_id
    text title?
    text body?
  }

  stack {
    db.get post {
      field_name = "id"
      field_value = $input.post_id
    } as $post

    precondition ($post != null) {
      error_type = "notfound"
      error = "Post not found"
    }

    precondition ($post.user_id == $auth.id) {
      error_type = "accessdenied"
      error = "Not your post"
    }

    db.patch post {
      field_name = "id"
      field_value = $input.post_id
      data = {title: $input.title, body: $input.body}
    } as $updated
  }

  response = $updated
}
