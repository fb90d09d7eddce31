// Login endpoint
const login = create('auth/login', 'post')
  .input('email', 'string', { required: true })
  .input('password', 'string', { required: true })
  .dbFind('user', { email: '$input.email' }, 'user')
  .precondition('$user != null', 'Invalid credentials', 401)
  .checkPassword('$input.password', '$user.password', 'valid')
  .precondition('$valid', 'Invalid credentials', 'unauthorized')
  .createAuthToken('user', '$user.id', 'token')
  .response({ authToken: '$token' });

return login.build().script;
