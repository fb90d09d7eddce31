query comments verb=GET {
  input {
    int post_id
    int page?=1
  }

  stack {
    db.query comment {
      where = $db.comment.post_id == $input.post_id
      sort = {comment.created_at: "asc"}
      return = {type: "list", paging: {page: $input.page, per_page: 10}}
    } as $comments
  }

  response = $comments
}
