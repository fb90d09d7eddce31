function probe {
  input {
  }

  stack {
    db.query post {
      where = $db.post.id == 1
      return = {type: "exists"}
    } as $result
  }

  response = $result
}
