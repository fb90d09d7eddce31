function "contacts/import" {
  input {
    json rows
  }

  stack {
    var $clean {
      value = []
    }

    foreach ($input.rows) {
      each as $row {
        conditional {
          if ($row.email != null) {
            var.update $clean {
              value = $clean|push:$row
            }
          }
        }
      }
    }

    db.bulk.add contact {
      items = $clean
    } as $inserted
  }

  response = {inserted: $inserted|count}
}
