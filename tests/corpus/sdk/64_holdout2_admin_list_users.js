const listUsers = create('admin/users', 'GET')
  .requiresAuth('user')
  .input('search', 'text', { required: false })
  .input('page', 'int', { required: false, default: 1 })
  .dbGet('user', { id: '$auth.id' }, 'me')
  .precondition('$me.role == "admin"', 'Admins only', 'accessdenied')
  .dbQuery('user', {
    where: '$db.user.name includes? $input.search',
    sort: { created_at: 'desc' },
    page: '$input.page',
    perPage: 50,
    output: ['id', 'name', 'email', 'role', 'created_at']
  }, 'users')
  .response('$users');
return listUsers.build().script;
