const e = create('checkout', 'POST')
  .requiresAuth('user')
  .input('cart_id', 'int')
  .callFunction('cart/total', { cart_id: '$input.cart_id' }, 'total')
  .precondition('$total > 0', 'Cart is empty')
  .dbAdd('order', { user_id: '$auth.id', total: '$total', status: 'pending' }, 'order')
  .response('$order');
return e.build().script;
