const view = create('articles/{id}/view', 'POST')
  .input('id', 'int')
  .dbGet('article', { id: '$input.id' }, 'article')
  .precondition('$article != null', 'Not found', 'notfound')
  .dbEdit('article', { id: '$input.id' }, { views: '$article.views + 1' }, 'article')
  .response({ views: '$article.views' });
return view.build().script;
