query notes verb=GET {
  auth = "user"

  input {
  }

  stack {
    db.query note {
      where = $db.note.user_id == $auth.id
      sort = {note.created_at: "desc"}
      return = {type: "list"}
    } as $notes
  }

  response = $notes
}
---
query notes verb=POST {
  auth = "user"

  input {
    text text
  }

  stack {
    db.add note {
      data = {text: $input.text, user_id: $auth.id}
    } as $note
  }

  response = $note
}
---
query "notes/{note_id}" verb=DELETE {
  auth = "user"

  input {
    int note_id
  }

  stack {
    db.del note {
      field_name = "id"
      field_value = $input.note_id
    }
  }

  response = {deleted: true}
}
