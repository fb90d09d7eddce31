query discount verb=POST {
  input {
    decimal total
    text code?
  }

  stack {
    var $discount {
      value = 0
    }

    conditional {
      if ($input.code == "SAVE10") {
        var.update $discount {
          value = $input.total * 0.1
        }
      }
    }
  }

  response = {total: $input.total - $discount, discount: $discount}
}
