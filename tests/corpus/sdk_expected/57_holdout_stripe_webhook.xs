query "stripe/webhook" verb=POST {
  input {
    text type
    json data
  }

  stack {
    conditional {
      if ($input.type == "checkout.session.completed") {
        db.edit order {
          field_name = "stripe_session_id"
          field_value = $input.data.object.id
          data = {status: "paid"}
        } as $order
      }

      elseif ($input.type == "charge.refunded") {
        db.edit order {
          field_name = "stripe_charge_id"
          field_value = $input.data.object.id
          data = {status: "refunded"}
        } as $order
      }
    }
  }

  response = {received: true}
}
