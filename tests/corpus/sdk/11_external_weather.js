const weather = create('weather', 'GET')
  .input('city', 'text')
  .apiRequest('https://api.openweathermap.org/data/2.5/weather', 'GET', {
    query: { q: '$input.city', appid: '$env.OPENWEATHER_KEY', units: 'metric' },
    timeout: 10
  }, 'res')
  .precondition('$res.response.status == 200', 'Weather service unavailable', 'standard')
  .response({ temp: '$res.response.result.main.temp', city: '$input.city' });
return weather.build().script;
