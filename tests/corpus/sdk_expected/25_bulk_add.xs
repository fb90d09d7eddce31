function seed_categories {
  input {
  }

  stack {
    db.bulk.add category {
      items = [{name: "Books"}, {name: "Games"}, {name: "Toys"}]
    } as $created
  }

  response = $created
}
