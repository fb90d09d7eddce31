function probe {
  input {
  }

  stack {
    function.run "cart/total" {
      input = {cart_id: 1}
    } as $result
  }

  response = $result
}
