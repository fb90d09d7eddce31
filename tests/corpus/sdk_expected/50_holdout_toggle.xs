query "todos/{todo_id}/toggle" verb=POST {
  auth = "user"

  input {
    int todo_id
  }

  stack {
    db.get todo {
      field_name = "id"
      field_value = $input.todo_id
    } as $todo

    precondition ($todo != null) {
      error_type = "notfound"
      error = "Todo not found"
    }

    precondition ($todo.user_id == $auth.id) {
      error_type = "accessdenied"
      error = "Forbidden"
    }

    db.edit todo {
      field_name = "id"
      field_value = $input.todo_id
      data = {completed: "!$todo.completed"}
    } as $updated
  }

  response = $updated
}
