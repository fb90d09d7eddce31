const e = create('github/repos', 'GET')
  .input('username', 'text')
  .apiRequest('https://api.github.com/users/' + '$input.username' + '/repos', {
    method: 'GET',
    headers: { 'User-Agent': 'xano', Accept: 'application/vnd.github+json' }
  }, 'repos')
  .response('$repos.response.result');
return e.build().script;
