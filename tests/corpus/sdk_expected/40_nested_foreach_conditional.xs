function notify_overdue {
  input {
  }

  stack {
    db.query invoice {
      where = $db.invoice.status == "open"
      return = {type: "list"}
    } as $invoices

    foreach ($invoices) {
      each as $inv {
        conditional {
          if ($inv.due_at < now) {
            db.edit invoice {
              field_name = "id"
              field_value = $inv.id
              data = {status: "overdue"}
            } as $updated
          }
        }
      }
    }
  }

  response = {checked: $invoices|count}
}
