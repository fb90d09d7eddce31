query health verb=GET {
  api_group = "ops"
  description = "Liveness probe"
  tags = ["ops"]

  input {
  }

  stack {
  }

  response = {status: "ok"}
}
