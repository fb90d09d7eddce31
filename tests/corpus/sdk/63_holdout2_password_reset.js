const requestReset = create('auth/reset/request', 'POST')
  .input('email', 'email')
  .dbGet('user', { email: '$input.email' }, 'user')
  .conditional('$user == null')
  .then(b => b.return({ sent: true }))
  .endConditional()
  .var('token', '$user.id|sha256')
  .dbEdit('user', { id: '$user.id' }, { reset_token: '$token', reset_requested_at: 'now' }, 'user')
  .apiRequest('https://api.postmarkapp.com/email', 'POST', {
    headers: { 'X-Postmark-Server-Token': '$env.POSTMARK_TOKEN', Accept: 'application/json' },
    body: { From: 'noreply@example.com', To: '$input.email', Subject: 'Reset your password', TextBody: 'Your reset code: ' + '$token' }
  }, 'mail')
  .response({ sent: true });
return requestReset.build().script;
