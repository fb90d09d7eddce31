const TABLE = 'invoice';
const e = create('invoices', 'GET')
  .requiresAuth('user')
  .dbQuery(TABLE, { where: { user_id: '$auth.id' } }, 'invoices')
  .response('$invoices');
return e.build().script;
