query ping verb=GET {
  tags = ["ops", "health"]

  input {
  }

  stack {
  }

  response = true
}
