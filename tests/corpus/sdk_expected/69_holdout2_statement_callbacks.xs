function classify_score {
  input {
    int score
  }

  stack {
    var $grade {
      value = "F"
    }

    conditional {
      if ($input.score >= 90) {
        var.update $grade {
          value = "A"
        }
      }

      elseif ($input.score >= 75) {
        var.update $grade {
          value = "B"
        }
      }

      elseif ($input.score >= 50) {
        var.update $grade {
          value = "C"
        }
      }
    }
  }

  response = $grade
}
