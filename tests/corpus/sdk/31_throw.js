const e = create('admin/reset', 'POST')
  .requiresAuth('user')
  .dbGet('user', { id: '$auth.id' }, 'me')
  .conditional('$me.role != "admin"')
    .then(b => b.throwError('AccessDenied', 'Admins only'))
  .endConditional()
  .response({ ok: true });
return e.build().script;
