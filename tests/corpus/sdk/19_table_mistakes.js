const t = createTable('customer')
  .addField('name', 'string')
  .addField('email', 'email', { sensitive: true })
  .addField('balance', 'float', { defaultValue: 0.5 })
  .addField('vip', 'boolean', { default: false })
  .addField('signed_up', 'datetime')
  .addIndex('btree|unique', ['email']);
return t.build().script;
