// Update a user's profile fields
const endpoint = create('user/update', 'PUT')
  .requireAuth('user')
  .addInput('first_name', 'string', { optional: true })
  .addInput('last_name', 'string', { optional: true })
  .addInput('age', 'number', { optional: true })
  .dbGetOne('user', { id: '$auth.id' }, 'currentUser')
  .dbUpdate('user', { id: '$auth.id' }, {
    first_name: '$input.first_name',
    last_name: '$input.last_name',
    age: '$input.age'
  }, 'updatedUser')
  .respond('$updatedUser');
return endpoint.build().script;
