const products = createTable('product')
  .field('name', 'text', { filters: 'trim' })
  .field('description', 'text', { required: false })
  .field('price', 'decimal')
  .field('stock', 'int', { default: 0 })
  .field('category', 'enum', { values: ['books', 'games', 'toys'] })
  .field('created_at', 'timestamp', { default: 'now' })
  .index('btree', ['name'])
  .index('btree', [{ name: 'created_at', op: 'desc' }]);
return products.build().script;
