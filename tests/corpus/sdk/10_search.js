// Search products by name
const search = create('products/search', 'GET')
  .input('q', 'text', { filters: 'trim|lower' })
  .dbQuery('product', {
    where: '$db.product.name includes $input.q',
    sort: { name: 'asc' },
    perPage: 50,
    page: 1
  }, 'results')
  .response({ items: '$results.items', total: '$results.itemsTotal' });
return search.build().script;
