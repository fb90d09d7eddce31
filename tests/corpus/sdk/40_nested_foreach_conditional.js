const e = createFunction('notify_overdue')
  .dbQuery('invoice', { where: '$db.invoice.status == "open"' }, 'invoices')
  .forEach('$invoices', 'inv', b => b
    .conditional('$inv.due_at < now')
    .then(c => c.dbEdit('invoice', { id: '$inv.id' }, { status: 'overdue' }, 'updated'))
    .endConditional())
  .response({ checked: '$invoices|count' });
return e.build().script;
