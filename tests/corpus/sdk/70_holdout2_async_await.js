async function build() {
  const endpoint = create('ping', 'GET').response({ pong: true });
  return endpoint.build().script;
}
return build();
