query settings verb=PUT {
  auth = "user"

  input {
    enum theme {
      values = ["light", "dark"]
    }
  }

  stack {
    db.add_or_edit user_settings {
      field_name = "user_id"
      field_value = $auth.id
      data = {user_id: $auth.id, theme: $input.theme}
    } as $settings
  }

  response = $settings
}
