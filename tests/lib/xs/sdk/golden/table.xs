table product {
  description = "Products"

  schema {
    int id
    text name filters=trim
    decimal price?=0.5
    enum kind?="a" {
      values = ["a", "b"]
    }

    int owner_id {
      table = "user"
    }

    timestamp created_at?=now
  }

  index = [
    {type: "primary", field: [{name: "id"}]}
    {type: "btree", field: [{name: "name"}]}
    {
      type : "btree|unique"
      field: [{name: "created_at", op: "desc"}]
    }
  ]
}
