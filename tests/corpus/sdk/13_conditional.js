const e = create('orders/{id}/status', 'PUT')
  .requiresAuth('user')
  .input('id', 'int')
  .input('status', 'enum', { values: ['pending', 'paid', 'shipped', 'cancelled'] })
  .dbGet('order', { id: '$input.id' }, 'order')
  .precondition('$order != null', 'Order not found', 'notfound')
  .conditional('$input.status == "cancelled"')
    .then(b => b.dbEdit('order', { id: '$input.id' }, { status: 'cancelled', cancelled_at: 'now' }, 'order'))
    .elseIf('$input.status == "shipped"', b => b.dbEdit('order', { id: '$input.id' }, { status: 'shipped' }, 'order'))
    .else(b => b.dbEdit('order', { id: '$input.id' }, { status: '$input.status' }, 'order'))
  .endConditional()
  .response('$order');
return e.build().script;
