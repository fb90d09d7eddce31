const shipping = createFunction('shipping/cost')
  .input('country', 'text')
  .input('weight', 'decimal')
  .var('cost', 0)
  .conditional('$input.country == "US"')
  .then(b => b.varUpdate('cost', '5 + $input.weight * 0.5'))
  .elseIf('$input.country == "CA"', b => b.varUpdate('cost', '8 + $input.weight * 0.75'))
  .else(b => b.varUpdate('cost', '15 + $input.weight'))
  .endConditional()
  .response('$cost');
return shipping.build().script;
