query contact verb=POST {
  input {
    text name
    email email
    text message
  }

  stack {
    db.add contact_message {
      data = {
        name   : $input.name
        email  : $input.email
        message: $input.message
      }
    } as $msg
  }

  response = {received: true}
}
