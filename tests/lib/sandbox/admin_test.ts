import assert from "node:assert/strict";
import { call, metaSandbox, signIn, testSandbox } from "./_helpers.ts";

Deno.test("admin: faults can be read, set (JSON or text) and cleared at run time", async () => {
  const { sandbox } = testSandbox();
  const initial = await call(sandbox, "GET", "/_admin/faults");
  assert.equal(initial.body.spec, "");
  const set = await call(sandbox, "POST", "/_admin/faults", {
    body: { spec: "rate_limit=1,seed=3" },
  });
  assert.equal(set.status, 200);
  assert.equal(set.body.spec, "rate_limit=1,seed=3");
  assert.equal((await call(sandbox, "GET", "/api:meta/workspace")).status, 429);
  const text = await call(sandbox, "POST", "/_admin/faults", {
    body: "error_rate=1",
    headers: { "content-type": "text/plain" },
  });
  assert.equal(text.body.errorRate, 1);
  const bad = await call(sandbox, "POST", "/_admin/faults", { body: { spec: "error_rate=5" } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /Invalid fault "error_rate=5"/);
  assert.equal(
    (await call(sandbox, "GET", "/_admin/faults")).body.errorRate,
    1,
    "a bad spec changes nothing",
  );
  const cleared = await call(sandbox, "DELETE", "/_admin/faults");
  assert.equal(cleared.body.spec, "");
});

Deno.test("admin: mint a scoped token, expire every token, reset the data", async () => {
  const { sandbox, meta, clock } = await metaSandbox();
  const minted = await call(sandbox, "POST", "/_admin/tokens", {
    body: { scopes: { content: "R" }, ttl: "1m" },
  });
  assert.equal(minted.status, 200);
  assert.equal(minted.body.expires_at, clock.now() + 60_000);
  const token = minted.body.token;
  assert.equal(
    (await call(sandbox, "GET", "/api:meta/workspace/1/table/1/content", { token })).status,
    200,
  );
  assert.equal((await call(sandbox, "GET", "/api:meta/workspace/1/table", { token })).status, 403);
  assert.equal(
    (await call(sandbox, "POST", "/_admin/tokens", { body: { scopes: { nope: "R" } } })).status,
    400,
  );
  assert.equal(
    (await call(sandbox, "POST", "/_admin/tokens", { body: { scopes: { content: "X" } } })).status,
    400,
  );
  assert.equal(
    (await call(sandbox, "POST", "/_admin/tokens", { body: { email: "who@example.com" } })).status,
    400,
  );
  assert.equal(
    (await call(sandbox, "POST", "/_admin/tokens", { body: { ttl: "soon" } })).status,
    400,
  );
  await meta("POST", "/workspace/1/table", { body: { name: "temp" } });
  const expired = await call(sandbox, "POST", "/_admin/tokens/expire");
  assert.ok(expired.body.expired >= 2);
  assert.equal((await meta("GET", "/workspace")).status, 401);
  assert.equal((await call(sandbox, "POST", "/_admin/reset")).status, 200);
  const fresh = await sandbox.issueToken();
  const tables = await call(sandbox, "GET", "/api:meta/workspace/1/table", { token: fresh });
  assert.equal(tables.body.items.length, 3, "the seed is back, the extra table gone");
});

Deno.test("admin: the routes do not exist when admin is off", async () => {
  const { sandbox } = testSandbox({ admin: false });
  const res = await call(sandbox, "GET", "/_admin/faults");
  assert.equal(res.status, 404);
  assert.equal(res.body.code, "ERROR_CODE_NOT_FOUND");
});

Deno.test("admin: expiring only Metadata tokens lets /auth/me refresh the api_key", async () => {
  const { sandbox } = testSandbox();
  const { authToken, apiKey } = await signIn(sandbox);
  const res = await call(sandbox, "POST", "/_admin/tokens/expire", { body: { kind: "meta" } });
  assert.equal(res.status, 200);
  assert.equal((await call(sandbox, "GET", "/api:meta/workspace", { token: apiKey })).status, 401);
  const me = await call(sandbox, "GET", "/api:auth/auth/me", { token: authToken });
  assert.equal(me.status, 200, "the auth token still works");
  assert.notEqual(me.body.api_key, apiKey);
  assert.equal(
    (await call(sandbox, "GET", "/api:meta/workspace", { token: me.body.api_key })).status,
    200,
  );
  assert.equal(
    (await call(sandbox, "POST", "/_admin/tokens/expire", { body: { kind: "x" } })).status,
    400,
  );
});

Deno.test("faults: meta_token_ttl shortens only Metadata tokens", async () => {
  const { sandbox, clock } = testSandbox({ faults: "meta_token_ttl=10s" });
  const { authToken, apiKey } = await signIn(sandbox);
  clock.advance(10_000);
  assert.equal((await call(sandbox, "GET", "/api:meta/workspace", { token: apiKey })).status, 401);
  const me = await call(sandbox, "GET", "/api:auth/auth/me", { token: authToken });
  assert.equal(me.status, 200);
  assert.equal(
    (await call(sandbox, "GET", "/api:meta/workspace", { token: me.body.api_key })).status,
    200,
  );
});
