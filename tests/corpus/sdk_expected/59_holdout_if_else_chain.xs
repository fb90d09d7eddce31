function "shipping/cost" {
  input {
    text country
    decimal weight
  }

  stack {
    var $cost {
      value = 0
    }

    conditional {
      if ($input.country == "US") {
        var.update $cost {
          value = "5 + " ~ $input.weight ~ " * 0.5"
        }
      }

      elseif ($input.country == "CA") {
        var.update $cost {
          value = "8 + " ~ $input.weight ~ " * 0.75"
        }
      }

      else {
        var.update $cost {
          value = "15 + " ~ $input.weight
        }
      }
    }
  }

  response = $cost
}
