const me = create('auth/me', 'GET')
  .requiresAuth('user')
  .dbGet('user', { id: '$auth.id' }, 'user')
  .response({ id: '$user.id', name: '$user.name', email: '$user.email' });
return me.build().script;
