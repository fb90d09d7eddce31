const toggle = create('todos/{todo_id}/toggle', 'POST');
toggle.requiresAuth('user');
toggle.input('todo_id', 'integer');
toggle.dbGet('todo', { id: '$input.todo_id' }, 'todo');
toggle.precondition('$todo != null', 'Todo not found', 404);
toggle.precondition('$todo.user_id == $auth.id', 'Forbidden', 403);
toggle.dbEdit('todo', { id: '$input.todo_id' }, { completed: '!$todo.completed' }, 'updated');
toggle.response('$updated');
return toggle.build().script;
