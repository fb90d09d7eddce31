query "newsletter/subscribe" verb=POST {
  input {
    email email filters=trim|lower
  }

  stack {
    db.has subscriber {
      field_name = "email"
      field_value = $input.email
    } as $exists

    conditional {
      if ($exists) {
        return {
          value = {subscribed: true, already: true}
        }
      }
    }

    db.add subscriber {
      data = {email: $input.email, created_at: "now"}
    } as $sub
  }

  response = {subscribed: true, already: false}
}
