const e = create('users/by-email', 'GET')
  .input('email', 'email')
  .var('normalized', '$input.email|lowercase|trim')
  .dbGet('user', { email: '$normalized' }, 'user')
  .precondition('$user !== null', 'No such user', 'not_found')
  .response('$user');
return e.build().script;
