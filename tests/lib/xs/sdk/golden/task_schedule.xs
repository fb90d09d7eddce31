task nightly {
  description = "Clean up"

  stack {
    db.bulk.delete session {
      where = $db.session.expired
    } as $gone
  }

  schedule = [{starts_on: 2025-01-01 02:00:00+0000, freq: 86400}]
}
