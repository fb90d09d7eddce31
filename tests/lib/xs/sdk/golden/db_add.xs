function probe {
  input {
  }

  stack {
    db.add post {
      data = {title: $input.title, created_at: "now"}
    } as $result
  }

  response = $result
}
