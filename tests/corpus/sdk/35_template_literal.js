const e = create('hello', 'GET')
  .input('name', 'text')
  .var('message', `Hello there`)
  .response({ message: '$message ~ " " ~ $input.name' });
return e.build().script;
