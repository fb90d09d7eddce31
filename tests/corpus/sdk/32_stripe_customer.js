// Create a Stripe customer for the current user
const e = create('billing/customer', 'POST')
  .requiresAuth('user')
  .dbGet('user', { id: '$auth.id' }, 'user')
  .apiRequest('https://api.stripe.com/v1/customers', 'POST', {
    headers: { Authorization: '$env.STRIPE_AUTH_HEADER', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: { email: '$user.email', name: '$user.name' }
  }, 'stripe')
  .dbEdit('user', { id: '$auth.id' }, { stripe_customer_id: '$stripe.response.result.id' }, 'user')
  .response({ customer_id: '$stripe.response.result.id' });
return e.build().script;
