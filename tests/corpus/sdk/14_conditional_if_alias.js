const e = create('discount', 'POST')
  .input('total', 'float')
  .input('code', 'string', { required: false })
  .setVar('discount', 0)
  .if('$input.code == "SAVE10"')
    .then(b => b.updateVar('discount', '$input.total * 0.1'))
  .endIf()
  .response({ total: '$input.total - $discount', discount: '$discount' });
return e.build().script;
