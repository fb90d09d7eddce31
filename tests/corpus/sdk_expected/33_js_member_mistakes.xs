query orders verb=GET {
  auth = "user"

  input {
  }

  stack {
    db.query order {
      where = $db.order.user_id == $auth.id
      sort = {order.created_at: "desc"}
      return = {type: "list"}
    } as $orders
  }

  response = $orders
}
