query todos verb=GET {
  auth = "user"

  input {
    bool completed?
    int page?=1
  }

  stack {
    db.query todo {
      where = $db.todo.user_id == $auth.id && $db.todo.completed ==? $input.completed
      sort = {todo.created_at: "desc"}
      return = {type: "list", paging: {page: $input.page, per_page: 25}}
    } as $todos
  }

  response = $todos
}
