/**
 * XanoScript sources of the seeded API group, function and task. Each one
 * passes Xano's parser; the seed stores them as the objects' published source.
 *
 * @module
 */

/** `POST|GET auth/login` of the seeded "Authentication" group. */
export const AUTH_LOGIN_XS = `query "auth/login" verb=POST {
  api_group = "Authentication"
  description = "Signs a user in and returns an auth token"

  input {
    email email filters=trim|lower
    text password
  }

  stack {
    db.get users {
      field_name = "email"
      field_value = $input.email
    } as $account

    precondition ($account != null) {
      error_type = "accessdenied"
      error = "Invalid credentials"
    }

    security.check_password {
      text_password = $input.password
      hash_password = $account.password
    } as $valid

    precondition ($valid) {
      error_type = "accessdenied"
      error = "Invalid credentials"
    }

    security.create_auth_token {
      table = "users"
      extras = {}
      expiration = 86400
      id = $account.id
    } as $authToken
  }

  response = {authToken: $authToken}
}`;

/** `POST|GET auth/signup` of the seeded "Authentication" group. */
export const AUTH_SIGNUP_XS = `query "auth/signup" verb=POST {
  api_group = "Authentication"
  description = "Creates a user and returns an auth token"

  input {
    text name filters=trim
    email email filters=trim|lower
    password password filters=min:8
  }

  stack {
    db.get users {
      field_name = "email"
      field_value = $input.email
    } as $existing

    precondition ($existing == null) {
      error_type = "accessdenied"
      error = "This account is already in use"
    }

    db.add users {
      data = {name: $input.name, email: $input.email, password: $input.password}
    } as $account

    security.create_auth_token {
      table = "users"
      extras = {}
      expiration = 86400
      id = $account.id
    } as $authToken
  }

  response = {authToken: $authToken}
}`;

/** `POST|GET auth/me` of the seeded "Authentication" group. */
export const AUTH_ME_XS = `query "auth/me" verb=GET {
  api_group = "Authentication"
  auth = "users"
  description = "Returns the signed-in user"

  input {
  }

  stack {
    db.get users {
      field_name = "id"
      field_value = $auth.id
      output = ["id", "created_at", "name", "email"]
    } as $account
  }

  response = $account
}`;

/** The seeded function. */
export const ORDER_TOTAL_XS = `function order_total {
  description = "Price of a quantity of one product"

  input {
    int product_id
    int quantity?=1 filters=min:1
  }

  stack {
    db.get products {
      field_name = "id"
      field_value = $input.product_id
    } as $product

    precondition ($product != null) {
      error_type = "notfound"
      error = "Product not found"
    }

    var $total {
      value = $product.price * $input.quantity
    }
  }

  response = $total
}`;

/** The seeded task. */
export const RESTOCK_REPORT_XS = `task restock_report {
  description = "Logs products that are out of stock, every morning"
  active = false

  stack {
    db.query products {
      where = $db.products.stock == 0
      return = {type: "list"}
    } as $empty

    debug.log {
      value = $empty
    }
  }

  schedule = [{starts_on: 2026-01-01 06:00:00+0000, freq: 86400}]
}`;
