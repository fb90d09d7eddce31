const e = createFunction('double')
  .input('value', 'number', { default: 1 })
  .var('result', '$input.value * 2')
  .return('$result');
return e.build().script;
