query stats verb=GET {
  auth = "user"

  input {
  }

  stack {
    db.query post {
      where = $db.post.user_id == $auth.id
      return = {type: "count"}
    } as $post_count

    db.query comment {
      where = $db.comment.user_id == $auth.id
      return = {type: "count"}
    } as $comment_count
  }

  response = {posts: $post_count, comments: $comment_count}
}
