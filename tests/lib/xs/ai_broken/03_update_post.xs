query "posts/{post_id}" verb=PATCH {
  api_group = "posts"
  auth = "user"

  input {
    int post_id
    string title?
    float score?
  }

  stack {
    db.get post {
      where = $db.post.id == $input.post_id
    } as $post

    precondition ($post != null) {
      error_type = "notfound"
      error = "Post not found"
    }

    conditional {
      if ($input.title|strlen > 0) {
        var.update $post { value = $post|set:"title":$input.title }
      } else if ($input.score != null) {
        var.update $post { value = $post|set:"score":$input.score }
      }
    }

    db.edit post {
      field_name = "id"
      field_value = $input.post_id
      data = {title: $post.title, score: $post.score}
    } as $updated
  }

  response = $updated
}
