query "users/{user_id}" verb=DELETE {
  input {
  }

  stack {
  }

  response = null
}
