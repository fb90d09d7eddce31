// Receive Stripe webhooks
const webhook = create('stripe/webhook', 'POST')
  .input('type', 'text')
  .input('data', 'json')
  .conditional('$input.type == "checkout.session.completed"')
    .then(b => b.dbEdit('order', { stripe_session_id: '$input.data.object.id' }, { status: 'paid' }, 'order'))
  .elseIf('$input.type == "charge.refunded"')
    .then(b => b.dbEdit('order', { stripe_charge_id: '$input.data.object.id' }, { status: 'refunded' }, 'order'))
  .endConditional()
  .response({ received: true });
return webhook.build().script;
