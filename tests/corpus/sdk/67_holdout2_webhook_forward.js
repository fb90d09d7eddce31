const forward = create('hooks/github', 'POST')
  .input('payload', 'json')
  .callFunction('hooks/verify_github', { payload: '$input.payload' }, 'verified')
  .precondition('$verified', 'Bad signature', 'accessdenied')
  .apiRequest('$env.SLACK_WEBHOOK_URL', 'POST', { body: { text: 'New GitHub event' } }, 'slack')
  .response({ forwarded: true });
return forward.build().script;
