task low_stock_alert {
  description = "Email the team when stock runs low"

  stack {
    db.query product {
      where = $db.product.stock < 5
      return = {type: "list"}
    } as $low

    conditional {
      if (($low|count) > 0) {
        api.request {
          url = "https://api.sendgrid.com/v3/mail/send"
          method = "POST"
          params = {subject: "Low stock", items: $low}
          headers = ["Authorization: " ~ $env.SENDGRID_AUTH]
        } as $mail
      }
    }
  }

  schedule = [{starts_on: 2025-06-01 08:00:00+0000, freq: 86400}]
}
