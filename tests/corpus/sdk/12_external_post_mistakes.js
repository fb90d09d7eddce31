// Send a Slack notification
const notify = create('notify', 'POST')
  .auth('user')
  .input('message', 'string')
  .httpRequest('https://hooks.slack.com/services/XXX', 'POST', {
    headers: { 'Content-Type': 'application/json' },
    data: { text: '$input.message' }
  }, '$slack')
  .response({ ok: true, status: '$slack.response.status' });
return notify.build().script;
