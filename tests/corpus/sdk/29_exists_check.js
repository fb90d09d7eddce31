const e = create('username/check', 'GET')
  .input('username', 'text', { filters: 'trim|lower' })
  .dbHas('user', { username: '$input.username' }, 'taken')
  .response({ available: '!$taken' });
return e.build().script;
