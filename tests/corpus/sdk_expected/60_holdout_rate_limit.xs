query "contact/send" verb=POST {
  input {
    email email
    text message filters=trim
  }

  stack {
    db.query contact_message {
      where = $db.contact_message.email == $input.email
      return = {type: "count"}
    } as $sent

    precondition ($sent < 5) {
      error_type = "inputerror"
      error = "Too many messages"
    }

    db.add contact_message {
      data = {email: $input.email, message: $input.message}
    } as $msg

    debug.log {
      value = $msg.id
    }
  }

  response = {ok: true}
}
