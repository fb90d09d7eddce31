query "orders/{id}/status" verb=PUT {
  auth = "user"

  input {
    int id
    enum status {
      values = ["pending", "paid", "shipped", "cancelled"]
    }
  }

  stack {
    db.get order {
      field_name = "id"
      field_value = $input.id
    } as $order

    precondition ($order != null) {
      error_type = "notfound"
      error = "Order not found"
    }

    conditional {
      if ($input.status == "cancelled") {
        db.edit order {
          field_name = "id"
          field_value = $input.id
          data = {status: "cancelled", cancelled_at: "now"}
        } as $order
      }

      elseif ($input.status == "shipped") {
        db.edit order {
          field_name = "id"
          field_value = $input.id
          data = {status: "shipped"}
        } as $order
      }

      else {
        db.edit order {
          field_name = "id"
          field_value = $input.id
          data = {status: $input.status}
        } as $order
      }
    }
  }

  response = $order
}
