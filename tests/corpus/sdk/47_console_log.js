const e = create('ping', 'GET').response({ pong: true });
console.log(e.build().script);
