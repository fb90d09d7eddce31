query "billing/customer" verb=POST {
  auth = "user"

  input {
  }

  stack {
    db.get user {
      field_name = "id"
      field_value = $auth.id
    } as $user

    api.request {
      url = "https://api.stripe.com/v1/customers"
      method = "POST"
      params = {email: $user.email, name: $user.name}
      headers = [
        "Authorization: " ~ $env.STRIPE_AUTH_HEADER
        "Content-Type: application/x-www-form-urlencoded"
      ]
    } as $stripe

    db.edit user {
      field_name = "id"
      field_value = $auth.id
      data = {stripe_customer_id: $stripe.response.result.id}
    } as $user
  }

  response = {customer_id: $stripe.response.result.id}
}
