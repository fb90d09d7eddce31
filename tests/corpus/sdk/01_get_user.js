// Get a single user by id
const endpoint = create('users/{id}', 'GET')
  .requiresAuth('user')
  .input('id', 'int', { required: true })
  .dbGet('user', { id: '$input.id' }, 'user')
  .precondition('$user != null', 'User not found', 'notfound')
  .response('$user');

return endpoint.build().script;
