const e = create('stats', 'GET')
  .requiresAuth('user')
  .dbQuery('post', { where: { user_id: '$auth.id' }, return: 'count' }, 'post_count')
  .dbQuery('comment', { where: { user_id: '$auth.id' }, return: 'count' }, 'comment_count')
  .response({ posts: '$post_count', comments: '$comment_count' });
return e.build().script;
