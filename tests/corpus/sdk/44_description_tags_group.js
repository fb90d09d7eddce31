const e = create('health', 'GET')
  .description('Liveness probe')
  .tags(['ops'])
  .apiGroup('ops')
  .response({ status: 'ok' });
return e.build().script;
