const del = create('posts/{post_id}', 'DELETE')
  .requiresAuth('user')
  .input('post_id', 'int')
  .dbGet('post', { id: '$input.post_id' }, 'post')
  .precondition('$post.user_id === $auth.id', 'Forbidden', 'forbidden')
  .dbDelete('post', { id: '$input.post_id' })
  .response({ success: true });
return del.build().script;
