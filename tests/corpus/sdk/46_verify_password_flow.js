const e = create('account/password', 'POST')
  .requiresAuth('user')
  .input('current_password', 'password')
  .input('new_password', 'password', { filters: 'min:8' })
  .dbGet('user', { id: '$auth.id' }, 'user')
  .verifyPassword('$input.current_password', '$user.password', 'ok')
  .precondition('$ok', 'Current password is wrong', 'accessdenied')
  .dbEdit('user', { id: '$auth.id' }, { password: '$input.new_password' }, 'user')
  .response({ changed: true });
return e.build().script;
