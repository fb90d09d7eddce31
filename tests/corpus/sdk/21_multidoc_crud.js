// CRUD for notes
const list = create('notes', 'GET')
  .requiresAuth('user')
  .dbQuery('note', { where: { user_id: '$auth.id' }, sort: { created_at: 'desc' } }, 'notes')
  .response('$notes');

const add = create('notes', 'POST')
  .requiresAuth('user')
  .input('text', 'text')
  .dbAdd('note', { text: '$input.text', user_id: '$auth.id' }, 'note')
  .response('$note');

const remove = create('notes/{note_id}', 'DELETE')
  .requiresAuth('user')
  .input('note_id', 'int')
  .dbDelete('note', { id: '$input.note_id' })
  .response({ deleted: true });
