
// Get one order
query "orders/{id}" verb=GET {
  input {
    int id
  }
  stack {
    db.get order {
      field_name = "id" // primary key
      field_value = $input.id
    } as $order
    conditional {
      if ($order == null) {
        throw {
          name = "NotFound"
          value = "No order"
        }
      }
      // otherwise return it
      else {
        var $found {
          value = true
        }
      }
    }
  }
  response = $order
}
