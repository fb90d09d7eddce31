// Summarize text with OpenAI
const summarize = create('ai/summarize', 'POST')
  .requiresAuth('user')
  .input('text', 'text')
  .apiRequest('https://api.openai.com/v1/chat/completions', 'POST', {
    headers: {
      'Content-Type': 'application/json',
      'Authorization': 'Bearer $env.OPENAI_API_KEY'
    },
    body: {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Summarize the user text in two sentences.' },
        { role: 'user', content: '$input.text' }
      ]
    },
    timeout: 60
  }, 'completion')
  .precondition('$completion.response.status == 200', 'OpenAI request failed')
  .response({ summary: '$completion.response.result.choices[0].message.content' });
return summarize.build().script;
