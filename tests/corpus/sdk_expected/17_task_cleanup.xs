task cleanup_sessions {
  description = "Remove expired sessions every hour"

  stack {
    db.bulk.delete session {
      where = $db.session.expires_at < now
    } as $deleted

    debug.log {
      value = $deleted
    }
  }

  schedule = [{starts_on: 2025-01-01 00:00:00+0000, freq: 3600}]
}
