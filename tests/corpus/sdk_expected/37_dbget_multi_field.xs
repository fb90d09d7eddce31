query membership verb=GET {
  auth = "user"

  input {
    int team_id
  }

  stack {
    db.query membership {
      where = $db.membership.team_id == $input.team_id && $db.membership.user_id == $auth.id
      return = {type: "single"}
    } as $membership

    precondition ($membership != null) {
      error_type = "accessdenied"
      error = "Not a member"
    }
  }

  response = $membership
}
