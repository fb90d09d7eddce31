const e = create('contact', 'POST')
  .input({ name: 'name', type: 'string', required: true })
  .input({ name: 'email', type: 'email', required: true })
  .input({ name: 'message', type: 'text', required: true })
  .dbAdd('contact_message', { name: '$input.name', email: '$input.email', message: '$input.message' }, 'msg')
  .response({ received: true });
return e.build().script;
