const e = createFunction('recalculate_totals')
  .input('order_id', 'int')
  .dbQuery('order_item', { where: { order_id: '$input.order_id' } }, 'items')
  .var('total', 0)
  .forEach('$items', 'item', b => b.varUpdate('total', '$total + ($item.price * $item.quantity)'))
  .dbEdit('order', { id: '$input.order_id' }, { total: '$total' }, 'order')
  .response('$total');
return e.build().script;
