function probe {
  input {
  }

  stack {
    db.query post {
      return = {type: "count"}
    } as $result
  }

  response = $result
}
