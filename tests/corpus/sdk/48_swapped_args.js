const e = create('POST', 'feedback')
  .input('text', 'rating', { required: false })
  .input('comment', 'text')
  .dbAdd('feedback', 'entry', { comment: '$input.comment' })
  .response('$entry');
return e.build().script;
