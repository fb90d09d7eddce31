query "stores/nearby" verb=GET {
  input {
    decimal lat
    decimal lng
    decimal radius_km?=5
  }

  stack {
    db.query store {
      where = $db.store.location|within:$input.lat:$input.lng:($input.radius_km * 1000)
      return = {type: "list"}
    } as $stores
  }

  response = $stores
}
