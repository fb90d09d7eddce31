const e = create('posts', 'POST')
  .requiresAuth('user')
  .input('title', 'text', { filters: 'trim' })
  .input('body', 'text')
  .input('tags', 'text[]', { required: false })
  .dbAdd('post', {
    title: '$input.title',
    body: '$input.body',
    tags: '$input.tags',
    user_id: '$auth.id',
    created_at: 'now'
  }, 'post')
  .response('$post');
return e.build().script;
