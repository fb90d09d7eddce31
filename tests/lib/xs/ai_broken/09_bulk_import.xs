function import_contacts {
  input {
    json[] contacts
  }
  stack {
    db.bulk.add contact {
      data = $input.contacts
    } as $inserted
    var $total {
      value = $inserted|count
    }
  }
  response = {inserted: $total}
}
