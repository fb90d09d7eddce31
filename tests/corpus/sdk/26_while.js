const e = createFunction('countdown')
  .input('from', 'int')
  .var('n', '$input.from')
  .var('steps', [])
  .while('$n > 0')
    .varUpdate('steps', '$steps|push:$n')
    .varUpdate('n', '$n - 1')
  .endWhile()
  .response('$steps');
return e.build().script;
