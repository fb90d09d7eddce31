// Todo API - list todos for the current user with optional completed filter
const listTodos = create('todos', 'GET')
  .requiresAuth('user')
  .input('completed', 'bool', { required: false })
  .input('page', 'int', { required: false, default: 1 })
  .dbQuery('todo', {
    where: '$db.todo.user_id == $auth.id && $db.todo.completed ==? $input.completed',
    sort: { created_at: 'desc' },
    page: '$input.page',
    perPage: 25
  }, 'todos')
  .response('$todos');

return listTodos.build().script;
