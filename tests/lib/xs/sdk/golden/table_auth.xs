table user {
  auth = true

  schema {
    int id
    email email {
      sensitive = true
    }

    password password
  }

  index = [{type: "primary", field: [{name: "id"}]}]
}
