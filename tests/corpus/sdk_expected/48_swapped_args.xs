query feedback verb=POST {
  input {
    text rating?
    text comment
  }

  stack {
    db.add feedback {
      data = {comment: $input.comment}
    } as $entry
  }

  response = $entry
}
