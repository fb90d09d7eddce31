query "posts/{post_id}/comments" verb=POST {
  auth = "user"
  description = "Add a comment to a post"

  input {
    int post_id
    text body filters=trim|min:1
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

    db.add comment {
      data = {
        post_id   : $input.post_id
        user_id   : $auth.id
        body      : $input.body
        created_at: "now"
      }
    } as $comment
  }

  response = $comment
}
