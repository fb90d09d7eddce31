query "users" verb=POST {
  input {
    string name
    email email filters=trim|to_lower
    string password
    boolean is_admin? default = false
  }
  stack {
    var user_count { value = 0 }
    db.add user {
      data = {name = $input.name, email = $input.email, password = $input.password}
    } as $user
    if ($user == null) {
      throw { name = "CreateFailed", value = "Could not create the user" }
    }
  }
  response = $user
}
