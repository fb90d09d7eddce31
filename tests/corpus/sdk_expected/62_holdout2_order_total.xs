function "orders/calculate_total" {
  input {
    json items
    decimal tax_rate?=0.2
  }

  stack {
    var $subtotal {
      value = 0
    }

    foreach ($input.items) {
      each as $item {
        var.update $subtotal {
          value = $subtotal + ($item.price * $item.qty)
        }
      }
    }

    var $tax {
      value = $subtotal * $input.tax_rate
    }
  }

  response = {subtotal: $subtotal, tax: $tax, total: $subtotal + $tax}
}
