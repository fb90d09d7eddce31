query "auth/reset/request" verb=POST {
  input {
    email email
  }

  stack {
    db.get user {
      field_name = "email"
      field_value = $input.email
    } as $user

    conditional {
      if ($user == null) {
        return {
          value = {sent: true}
        }
      }
    }

    var $token {
      value = $user.id|sha256
    }

    db.edit user {
      field_name = "id"
      field_value = $user.id
      data = {reset_token: $token, reset_requested_at: "now"}
    } as $user

    api.request {
      url = "https://api.postmarkapp.com/email"
      method = "POST"
      params = {
        From    : "noreply@example.com"
        To      : $input.email
        Subject : "Reset your password"
        TextBody: "Your reset code: " ~ $token
      }
      headers = [
        "X-Postmark-Server-Token: " ~ $env.POSTMARK_TOKEN
        "Accept: application/json"
      ]
    } as $mail
  }

  response = {sent: true}
}
