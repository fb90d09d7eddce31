task cleanup {
  description = "Remove stale sessions"
  stack {
    db.query session {
      where = $db.session.expires_at < now
    } as $stale
    foreach $stale as $s {
      db.del session {
        field_name = "id"
        field_value = $s.id
      } as $gone
    }
  }
  schedule = [{starts_on: 2025-01-01 00:00:00+0000, freq: 3600}]
}
