const importContacts = createFunction('contacts/import')
  .input('rows', 'json')
  .var('clean', [])
  .forEach('$input.rows', 'row')
    .conditional('$row.email != null')
      .then()
      .varUpdate('clean', '$clean|push:$row')
    .endConditional()
  .endForEach()
  .dbBulkAdd('contact', '$clean', 'inserted')
  .response({ inserted: '$inserted|count' });
return importContacts.build().script;
