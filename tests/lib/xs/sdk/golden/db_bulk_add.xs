function probe {
  input {
  }

  stack {
    db.bulk.add tag {
      items = [{name: "a"}, {name: "b"}]
    } as $result
  }

  response = $result
}
