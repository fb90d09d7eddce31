query posts verb=GET {
  description = "List posts, newest first"

  input {
    int page?=1
    int per_page?=20
  }

  stack {
    db.query post {
      sort = {post.created_at: "desc"}
      return = {
        type  : "list"
        paging: {page: $input.page, per_page: $input.per_page, totals: true}
      }
    } as $posts
  }

  response = $posts
}
