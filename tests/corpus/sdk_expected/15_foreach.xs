function recalculate_totals {
  input {
    int order_id
  }

  stack {
    db.query order_item {
      where = $db.order_item.order_id == $input.order_id
      return = {type: "list"}
    } as $items

    var $total {
      value = 0
    }

    foreach ($items) {
      each as $item {
        var.update $total {
          value = $total + ($item.price * $item.quantity)
        }
      }
    }

    db.edit order {
      field_name = "id"
      field_value = $input.order_id
      data = {total: $total}
    } as $order
  }

  response = $total
}
