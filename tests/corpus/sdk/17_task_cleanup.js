const task = createTask('cleanup_sessions')
  .description('Remove expired sessions every hour')
  .dbBulkDelete('session', '$db.session.expires_at < now', 'deleted')
  .debugLog('$deleted')
  .schedule([{ starts_on: '2025-01-01 00:00:00+0000', freq: 3600 }]);
return task.build().script;
