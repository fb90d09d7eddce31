const seed = createFunction('seed_categories')
  .dbBulkAdd('category', [{ name: 'Books' }, { name: 'Games' }, { name: 'Toys' }], 'created')
  .response('$created');
return seed.build().script;
