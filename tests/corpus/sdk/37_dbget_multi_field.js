const e = create('membership', 'GET')
  .requiresAuth('user')
  .input('team_id', 'int')
  .dbGet('membership', { team_id: '$input.team_id', user_id: '$auth.id' }, 'membership')
  .precondition('$membership != null', 'Not a member', 'accessdenied')
  .response('$membership');
return e.build().script;
