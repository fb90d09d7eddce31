const update = create('posts/{post_id}', 'PATCH')
  .requiresAuth('user')
  .input('post_id', 'int')
  .input('title', 'text', { required: false })
  .input('body', 'text', { required: false })
  .dbGet('post', { id: '$input.post_id' }, 'post')
  .precondition('$post != null', 'Post not found', 404)
  .precondition('$post.user_id == $auth.id', 'Not your post', 403)
  .dbPatch('post', { id: '$input.post_id' }, { title: '$input.title', body: '$input.body' }, 'updated')
  .response('$updated');
return update.build().script;
