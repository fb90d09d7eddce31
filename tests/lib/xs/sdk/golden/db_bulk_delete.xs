function probe {
  input {
  }

  stack {
    db.bulk.delete tag {
      where = $db.tag.name == "old"
    } as $result
  }

  response = $result
}
