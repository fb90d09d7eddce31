query "stripe/checkout" verb=POST {
  api_group = "billing"
  auth = "account"
  description = "Start a Stripe Checkout Session for the signed-in customer"

  input {
    text price_id filters=trim
    int quantity?=1 filters=min:1|max:100
  }

  stack {
    db.get account {
      field_name = "id"
      field_value = $auth.id
    } as $customer

    api.request {
      url = "https://api.stripe.com/v1/checkout/sessions"
      method = "POST"
      params = {
        mode                     : "subscription"
        "line_items[0][price]"   : $input.price_id
        "line_items[0][quantity]": $input.quantity
        success_url              : "https://app.test/welcome"
        cancel_url               : "https://app.test/pricing"
        client_reference_id      : $auth.id
        customer_email           : $customer.email
      }
      headers = [
        "Authorization: " ~ "Bearer " ~ $env.STRIPE_KEY
        "Content-Type: application/x-www-form-urlencoded"
      ]
      timeout = 30
    } as $session

    precondition ($session.response.status >= 200 && $session.response.status < 300) {
      error_type = "standard"
      error = "Stripe could not create the checkout session"
    }
  }

  response = {
    id : $session.response.result.id
    url: $session.response.result.url
  }
}
---
query "stripe/webhook" verb=POST {
  api_group = "billing"
  description = "Receive Stripe events; only correctly signed, recent events are processed"

  input {
  }

  stack {
    util.get_raw_input {
      encoding = ""
    } as $payload

    var $signature_header {
      value = $env.$http_headers["Stripe-Signature"] ?? $env.$http_headers["stripe-signature"] ?? ""
    }

    var $signed_at {
      value = ""
    }

    var $signature {
      value = ""
    }

    foreach ($signature_header|split:",") {
      each as $part {
        var $pair {
          value = $part|split:"="
        }

        conditional {
          if (($pair|first) == "t") {
            var.update $signed_at {
              value = $pair|last
            }
          }

          elseif (($pair|first) == "v1") {
            var.update $signature {
              value = $pair|last
            }
          }
        }
      }
    }

    var $expected {
      value = ($signed_at ~ "." ~ $payload)|hmac_sha256:$env.STRIPE_SIGNING:false
    }

    precondition ($signature != "" && $expected == $signature) {
      error_type = "accessdenied"
      error = "Invalid Stripe signature"
    }

    precondition ((($signed_at|to_int) * 1000) > (now - 300000)) {
      error_type = "accessdenied"
      error = "Stripe event is too old"
    }

    var $event {
      value = $payload|json_decode
    }

    db.has billing_event {
      field_name = "stripe_id"
      field_value = $event.id
    } as $seen

    conditional {
      if ($seen) {
        return {
          value = {received: true, duplicate: true}
        }
      }
    }

    db.add billing_event {
      data = {stripe_id: $event.id, type: $event.type, payload: $event}
    } as $logged

    conditional {
      if ($event.type == "checkout.session.completed" && $event.data.object.client_reference_id != null) {
        db.edit account {
          field_name = "id"
          field_value = $event.data.object.client_reference_id|to_int
          data = {stripe_customer_id: $event.data.object.customer}
        } as $paid_by
      }
    }
  }

  response = {received: true}
}
---
query "stripe/customer" verb=GET {
  api_group = "billing"
  auth = "account"
  description = "The signed-in customer's Stripe record"

  input {
  }

  stack {
    db.get account {
      field_name = "id"
      field_value = $auth.id
    } as $customer

    precondition ($customer.stripe_customer_id != null) {
      error_type = "notfound"
      error = "No Stripe customer yet"
    }

    api.request {
      url = "https://api.stripe.com/v1/customers/" ~ $customer.stripe_customer_id
      method = "GET"
      headers = [
        "Authorization: " ~ "Bearer " ~ $env.STRIPE_KEY
        "Content-Type: application/x-www-form-urlencoded"
      ]
      timeout = 15
    } as $stripe

    precondition ($stripe.response.status >= 200 && $stripe.response.status < 300) {
      error_type = "standard"
      error = "Stripe could not find the customer"
    }
  }

  response = $stripe.response.result
}
