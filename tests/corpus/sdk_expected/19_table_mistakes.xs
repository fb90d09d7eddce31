table customer {
  schema {
    int id
    text name
    email email {
      sensitive = true
    }

    decimal balance?=0.5
    bool vip?=false
    timestamp signed_up
  }

  index = [
    {type: "primary", field: [{name: "id"}]}
    {type: "btree|unique", field: [{name: "email"}]}
  ]
}
