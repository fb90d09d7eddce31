// Get a product with its reviews
const getProduct = create('products/{product_id}', 'GET')
  .input('product_id', 'int', { required: true })
  .dbGet('product', { id: '$input.product_id' }, 'product')
  .precondition('$product', 'Product not found', 'notfound')
  .dbQuery('review', { where: { product_id: '$input.product_id' }, sort: { created_at: 'desc' }, perPage: 5, page: 1 }, 'reviews')
  .response({ ...{ product: '$product' }, reviews: '$reviews.items' });
return getProduct.build().script;
