query posts verb=POST {
  auth = "user"

  input {
    text title filters=trim
    text body
    text[] tags?
  }

  stack {
    db.add post {
      data = {
        title     : $input.title
        body      : $input.body
        tags      : $input.tags
        user_id   : $auth.id
        created_at: "now"
      }
    } as $post
  }

  response = $post
}
