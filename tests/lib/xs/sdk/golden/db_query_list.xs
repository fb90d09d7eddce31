function probe {
  input {
  }

  stack {
    db.query post {
      return = {type: "list"}
    } as $result
  }

  response = $result
}
