function probe {
  input {
  }

  stack {
    db.query post {
      where = $db.post.user_id == $auth.id && $db.post.published == true
      sort = {post.created_at: "desc"}
      return = {
        type  : "list"
        paging: {page: $input.page, per_page: 20, totals: true}
      }
    } as $result
  }

  response = $result
}
