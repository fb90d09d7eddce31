query invoices verb=GET {
  auth = "user"

  input {
  }

  stack {
    db.query invoice {
      where = $db.invoice.user_id == $auth.id
      return = {type: "list"}
    } as $invoices
  }

  response = $invoices
}
