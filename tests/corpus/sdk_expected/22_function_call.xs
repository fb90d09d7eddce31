query checkout verb=POST {
  auth = "user"

  input {
    int cart_id
  }

  stack {
    function.run "cart/total" {
      input = {cart_id: $input.cart_id}
    } as $total

    precondition ($total > 0) {
      error_type = "inputerror"
      error = "Cart is empty"
    }

    db.add order {
      data = {user_id: $auth.id, total: $total, status: "pending"}
    } as $order
  }

  response = $order
}
