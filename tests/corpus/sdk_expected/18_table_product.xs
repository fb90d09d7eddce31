table product {
  schema {
    int id
    text name filters=trim
    text description?
    decimal price
    int stock?=0
    enum category {
      values = ["books", "games", "toys"]
    }

    timestamp created_at?=now
  }

  index = [
    {type: "primary", field: [{name: "id"}]}
    {type: "btree", field: [{name: "name"}]}
    {type: "btree", field: [{name: "created_at", op: "desc"}]}
  ]
}
