const list = create('posts', 'GET')
  .description('List posts, newest first')
  .input('page', 'int', { required: false, default: 1 })
  .input('per_page', 'int', { required: false, default: 20 })
  .dbQuery('post', {
    sort: { created_at: 'desc' },
    page: '$input.page',
    perPage: '$input.per_page',
    totals: true
  }, 'posts')
  .response('$posts');
return list.build().script;
