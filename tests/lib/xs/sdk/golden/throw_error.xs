function probe {
  input {
  }

  stack {
    throw {
      name = "PaymentFailed"
      value = "Card declined"
    }

    var $result {
      value = 0
    }
  }

  response = $result
}
