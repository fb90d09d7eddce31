# List posts for the signed-in user
query posts verb=get {
  api_group = posts
  auth = user
  input {
    integer page? default = 1
    integer per_page? default = 20
    string search?
  }
  stack {
    db.query post {
      where = $db.post.user_id == $auth.id
      return = {type: "list", paging: {page: $input.page, per_page: $input.per_page}}
    } as posts
  }
  response {
    value = $posts
  }
}
