const e = create('settings', 'PUT')
  .requiresAuth('user')
  .input('theme', 'enum', { values: ['light', 'dark'] })
  .dbUpsert('user_settings', { user_id: '$auth.id' }, { user_id: '$auth.id', theme: '$input.theme' }, 'settings')
  .response('$settings');
return e.build().script;
