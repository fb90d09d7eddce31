import assert from "node:assert/strict";
import { call, signIn, testSandbox } from "./_helpers.ts";

Deno.test("auth api: login returns an authToken for the demo account", async () => {
  const { sandbox } = testSandbox();
  const res = await call(sandbox, "POST", "/api:auth/auth/login", {
    body: { email: "Demo@Example.com ", password: "demo1234" },
  });
  assert.equal(res.status, 200);
  assert.deepEqual(Object.keys(res.body), ["authToken"]);
  assert.match(res.body.authToken, /^xsa_/);
});

Deno.test("auth api: wrong password is 403 access denied, missing fields are input errors", async () => {
  const { sandbox } = testSandbox();
  const wrong = await call(sandbox, "POST", "/api:auth/auth/login", {
    body: { email: "demo@example.com", password: "nope" },
  });
  assert.equal(wrong.status, 403);
  assert.deepEqual(wrong.body, {
    code: "ERROR_CODE_ACCESS_DENIED",
    message: "Invalid credentials",
  });
  const missing = await call(sandbox, "POST", "/api:auth/auth/login", {
    body: { email: "demo@example.com" },
  });
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body, {
    code: "ERROR_CODE_INPUT_ERROR",
    message: "Missing param: password",
    payload: { param: "password" },
  });
  const typed = await call(sandbox, "POST", "/api:auth/auth/login", {
    body: { email: 1, password: "x" },
  });
  assert.equal(typed.status, 400);
  const junk = await call(sandbox, "POST", "/api:auth/auth/login", {
    body: "{not json",
    headers: { "content-type": "application/json" },
  });
  assert.equal(junk.status, 400);
  assert.equal(junk.body.code, "ERROR_CODE_BAD_REQUEST");
});

Deno.test("auth api: /auth/me returns the account with a working Metadata api_key", async () => {
  const { sandbox } = testSandbox();
  const { authToken, apiKey } = await signIn(sandbox);
  const me = await call(sandbox, "GET", "/api:auth/auth/me", { token: authToken });
  assert.equal(me.status, 200);
  assert.deepEqual(Object.keys(me.body).sort(), ["api_key", "created_at", "email", "id", "name"]);
  assert.equal(me.body.email, "demo@example.com");
  assert.equal(me.body.api_key, apiKey, "the key is stable while it is valid");
  const meta = await call(sandbox, "GET", "/api:meta/auth/me", { token: apiKey });
  assert.equal(meta.status, 200);
  assert.equal(meta.body.email, "demo@example.com");
});

Deno.test("auth api: tokens of one kind are refused by the other API", async () => {
  const { sandbox } = testSandbox();
  const { authToken, apiKey } = await signIn(sandbox);
  assert.equal(
    (await call(sandbox, "GET", "/api:meta/workspace", { token: authToken })).status,
    401,
  );
  assert.equal((await call(sandbox, "GET", "/api:auth/auth/me", { token: apiKey })).status, 401);
  const none = await call(sandbox, "GET", "/api:auth/auth/me");
  assert.equal(none.status, 401);
  assert.equal(none.body.code, "ERROR_CODE_UNAUTHORIZED");
});

Deno.test("auth api: tokens expire after the TTL; /auth/me then hands out a fresh api_key", async () => {
  const { sandbox, clock } = testSandbox({ tokenTtlMs: 60_000 });
  const first = await signIn(sandbox);
  clock.advance(30_000);
  const second = await signIn(sandbox);
  assert.equal(second.apiKey, first.apiKey, "still valid after 30 s");
  clock.advance(31_000);
  const expired = await call(sandbox, "GET", "/api:meta/workspace", { token: first.apiKey });
  assert.equal(expired.status, 401);
  assert.match(expired.body.message, /expired/);
  const staleAuth = await call(sandbox, "GET", "/api:auth/auth/me", { token: first.authToken });
  assert.equal(staleAuth.status, 401);
  const refreshed = await call(sandbox, "GET", "/api:auth/auth/me", { token: second.authToken });
  assert.equal(refreshed.status, 200);
  assert.notEqual(refreshed.body.api_key, first.apiKey);
  const works = await call(sandbox, "GET", "/api:meta/workspace", {
    token: refreshed.body.api_key,
  });
  assert.equal(works.status, 200);
});

Deno.test("auth api: signup creates an account that can log in; duplicates are refused", async () => {
  const { sandbox } = testSandbox();
  const body = { name: "Kay", email: "kay@example.com", password: "longenough" };
  const created = await call(sandbox, "POST", "/api:auth/auth/signup", { body });
  assert.equal(created.status, 200);
  assert.match(created.body.authToken, /^xsa_/);
  const again = await call(sandbox, "POST", "/api:auth/auth/signup", { body });
  assert.equal(again.status, 403);
  const short = await call(sandbox, "POST", "/api:auth/auth/signup", {
    body: { ...body, email: "x@example.com", password: "short" },
  });
  assert.equal(short.status, 400);
  assert.equal(short.body.payload.param, "password");
  const badEmail = await call(sandbox, "POST", "/api:auth/auth/signup", {
    body: { ...body, email: "nope" },
  });
  assert.equal(badEmail.status, 400);
  const login = await call(sandbox, "POST", "/api:auth/auth/login", {
    body: { email: "kay@example.com", password: "longenough" },
  });
  assert.equal(login.status, 200);
});

Deno.test("auth api: calls are recorded in the request history without secrets", async () => {
  const { sandbox } = testSandbox();
  const { apiKey } = await signIn(sandbox);
  const history = await call(
    sandbox,
    "GET",
    "/api:meta/workspace/1/request_history?per_page=100&include_output=true",
    {
      token: apiKey,
    },
  );
  assert.equal(history.status, 200);
  const login = history.body.items.find((e: { uri: string }) => e.uri === "/api:auth/auth/login");
  assert.ok(login, "the login call is in the history");
  assert.equal(login.verb, "POST");
  assert.equal(login.status, 200);
  assert.equal(login.input.password, "[redacted]");
  assert.equal(login.output.authToken, "[redacted]");
  assert.equal(login.api_id, 1);
  assert.equal(login.query_id, 1);
  assert.ok(!JSON.stringify(history.body).includes("demo1234"));
});
