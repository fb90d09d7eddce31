function "posts/score" {
  input {
    int post_id
  }
  stack {
    db.get post {
      field_name = "id"
      field_value = input.post_id
    } as $post
    var $score {
      value = $post.likes|count * 2 + $post.comments|count
    }
    db.patch post {
      field_name = "id"
      field_value = $post.id
      data = {score: $score}
    } as $saved
  }
  response = $score|to_int
}
