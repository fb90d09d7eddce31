// Subscribe an email to the newsletter (idempotent)
const subscribe = create('newsletter/subscribe', 'POST')
  .input('email', 'email', { filters: 'trim|lower' })
  .dbHas('subscriber', { email: '$input.email' }, 'exists')
  .conditional('$exists')
  .then(e => e.return({ subscribed: true, already: true }))
  .endConditional()
  .dbAdd('subscriber', { email: '$input.email', created_at: 'now' }, 'sub')
  .response({ subscribed: true, already: false });
return subscribe.build().script;
