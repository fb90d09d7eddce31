query me verb=GET {
  auth = "admin"

  input {
  }

  stack {
  }

  response = $auth
}
