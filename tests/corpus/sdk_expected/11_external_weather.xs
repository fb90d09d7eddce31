query weather verb=GET {
  input {
    text city
  }

  stack {
    api.request {
      url = "https://api.openweathermap.org/data/2.5/weather"
      method = "GET"
      params = {q: $input.city, appid: $env.OPENWEATHER_KEY, units: "metric"}
      timeout = 10
    } as $res

    precondition ($res.response.status == 200) {
      error_type = "standard"
      error = "Weather service unavailable"
    }
  }

  response = {temp: $res.response.result.main.temp, city: $input.city}
}
