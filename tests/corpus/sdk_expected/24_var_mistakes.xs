query greeting verb=GET {
  input {
    text name?
  }

  stack {
    var $greeting {
      value = "Hello"
    }

    conditional {
      if ($input.name != null) {
        var.update $greeting {
          value = $greeting ~ ", " ~ $input.name
        }
      }
    }
  }

  response = {message: "greeting"}
}
