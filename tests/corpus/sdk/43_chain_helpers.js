const e = create('profile/summary', 'GET')
  .requiresAuth('user')
  .dbGet('user', { id: '$auth.id' }, 'user')
  .var('display', FluentBuilder.chain('$user.name', 'trim', 'capitalize'))
  .var('meta', buildObject({ id: '$user.id', name: '$display' }))
  .var('tags', buildArray(['member', expr('$user.role')]))
  .response({ meta: '$meta', tags: '$tags' });
return e.build().script;
