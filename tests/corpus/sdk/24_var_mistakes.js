const e = create('greeting', 'GET')
  .input('name', 'string', false)
  .var('$greeting', '"Hello"')
  .conditional('$input.name != null')
    .then(b => b.varUpdate('greeting', '$greeting ~ ", " ~ $input.name'))
  .endConditional()
  .response({ message: 'greeting' });
return e.build().script;
