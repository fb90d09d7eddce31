// GET /products with pagination and filtering
const endpoint = create('products', 'GET')
  .input('category', 'string', { required: false })
  .input('page', 'integer', { defaultValue: 1 })
  .input('limit', 'integer', { defaultValue: 25 })
  .dbQuery('product', {
    filter: { category: '$input.category' },
    limit: '$input.limit',
    page: '$input.page',
    orderBy: 'created_at desc'
  }, 'products')
  .returns('$products');

return endpoint.build().script;
