const e = create('contact/send', 'POST')
  .input('email', 'email')
  .input('message', 'text', { filters: 'trim' })
  .dbQuery('contact_message', { where: { email: '$input.email' }, return: 'count' }, 'sent')
  .precondition('$sent < 5', 'Too many messages', 'inputerror')
  .dbAdd('contact_message', { email: '$input.email', message: '$input.message' }, 'msg')
  .debugLog('$msg.id')
  .response({ ok: true });
return e.build().script;
