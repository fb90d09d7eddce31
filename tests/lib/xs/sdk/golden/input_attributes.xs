query signup verb=POST {
  input {
    email email {
      description = "Login email"
      sensitive = true
    }

    int team_id {
      table = "team"
    }

    enum role?="member" {
      values = ["member", "admin"]
    }

    text[] tags?
    timestamp since?=now
  }

  stack {
  }

  response = $input.role
}
