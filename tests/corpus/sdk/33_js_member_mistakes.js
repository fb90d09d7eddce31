const e = create('orders', 'GET')
  .requiresAuth('user')
  .dbQuery('order', { where: { user_id: auth.id }, sort: { created_at: 'desc' } }, 'orders')
  .response(orders);
return e.build().script;
