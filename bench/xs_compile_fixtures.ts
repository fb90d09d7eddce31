/** SDK programs the compile benchmarks share: a typical endpoint and a 20-endpoint multidoc. */

/** A typical AI-written endpoint: auth, two inputs, a lookup, a check, a write, a response. */
export const TYPICAL_ENDPOINT = `const endpoint = create('posts/{post_id}', 'PATCH')
  .requiresAuth('user')
  .input('post_id', 'int', { filters: 'min:1' })
  .input('title', 'text', { required: false, filters: 'trim' })
  .dbGet('post', { id: '$input.post_id' }, 'post')
  .precondition('$post != null', 'Post not found', 'notfound')
  .precondition('$post.user_id == $auth.id', 'Not your post', 'accessdenied')
  .dbPatch('post', { id: '$input.post_id' }, { title: '$input.title' }, 'updated')
  .response('$updated');
return endpoint.build().script;`;

/** The same endpoint with the mistakes auto-fix repairs (aliases, types, kinds). */
export const TYPICAL_WITH_MISTAKES = `const endpoint = create('posts/{post_id}', 'patch')
  .auth('user')
  .input('post_id', 'integer', true)
  .input('title', 'string', { optional: true, filters: 'trim' })
  .dbFind('post', { id: '$input.post_id' }, '$post')
  .precondition('$post !== null', 'Post not found', 'not_found')
  .precondition('$post.user_id == $auth.id', 'Not your post', 403)
  .dbPatch('post', { id: '$input.post_id' }, { title: '$input.title' }, 'updated')
  .returns('$updated');
return endpoint.build().script;`;

/** Twenty endpoints in one program (a multidoc of 20 documents). */
export const TWENTY_ENDPOINTS = Array.from(
  { length: 20 },
  (_, i) =>
    `create('items_${i}/{id}', 'GET')
  .requiresAuth('user')
  .input('id', 'int')
  .input('page', 'int', { default: 1 })
  .dbGet('item_${i}', { id: '$input.id' }, 'item')
  .precondition('$item != null', 'Not found', 404)
  .dbQuery('child_${i}', { where: { item_id: '$input.id' }, sort: { created_at: 'desc' }, page: '$input.page', perPage: 20 }, 'children')
  .conditional('($children.items|count) > 0')
    .then(b => b.var('status', 'has children'))
    .else(b => b.var('status', 'empty'))
  .endConditional()
  .response({ item: '$item', children: '$children', status: '$status' });`,
).join("\n");
