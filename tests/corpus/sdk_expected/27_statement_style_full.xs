query profile verb=PUT {
  auth = "user"

  input {
    text name?
    text bio?
  }

  stack {
    var $changes {
      value = {}
    }

    conditional {
      if ($input.name != null) {
        var.update $changes {
          value = $changes|set:"name":$input.name
        }
      }
    }

    conditional {
      if ($input.bio != null) {
        var.update $changes {
          value = $changes|set:"bio":$input.bio
        }
      }
    }

    db.patch user {
      field_name = "id"
      field_value = $auth.id
      data = $changes
    } as $user
  }

  response = $user
}
