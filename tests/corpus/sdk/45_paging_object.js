const e = create('comments', 'GET')
  .input('post_id', 'int')
  .input('page', 'int', { required: false, default: 1 })
  .dbQuery('comment', {
    where: { post_id: '$input.post_id' },
    paging: { page: '$input.page', per_page: 10 },
    sort: { created_at: 'asc' }
  }, 'comments')
  .response('$comments');
return e.build().script;
