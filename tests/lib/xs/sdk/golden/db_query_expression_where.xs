function probe {
  input {
  }

  stack {
    db.query post {
      where = $db.post.title includes $input.q
      return = {type: "single"}
      output = ["id", "title"]
    } as $result
  }

  response = $result
}
