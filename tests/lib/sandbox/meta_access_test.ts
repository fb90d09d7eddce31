import assert from "node:assert/strict";
import { call, metaSandbox } from "./_helpers.ts";

Deno.test("meta api: /auth/me describes the account and its workspaces", async () => {
  const { meta } = await metaSandbox();
  const me = await meta("GET", "/auth/me");
  assert.equal(me.status, 200);
  assert.equal(me.body.email, "demo@example.com");
  assert.deepEqual(me.body.extras.instance.membership.workspace.id, [1]);
});

Deno.test("meta api: /instance is a bare array whose meta_api points back at the sandbox", async () => {
  const { meta } = await metaSandbox({ basePath: "/_sandbox" });
  const { sandbox, token } = await metaSandbox({ basePath: "/_sandbox" });
  const list = await call(sandbox, "GET", "/_sandbox/api:meta/instance", { token });
  assert.equal(list.status, 200);
  assert.ok(Array.isArray(list.body));
  assert.equal(list.body[0].meta_api, "http://sandbox.test/_sandbox/api:meta");
  assert.deepEqual(Object.keys(list.body[0]).sort(), [
    "custom_domain",
    "display",
    "meta_api",
    "meta_swagger",
    "name",
    "rate_limit",
    "xano_domain",
  ]);
  const one = await call(sandbox, "GET", "/_sandbox/api:meta/instance/sandbox", { token });
  assert.equal(one.body.name, "sandbox");
  const missing = await call(sandbox, "GET", "/_sandbox/api:meta/instance/other", { token });
  assert.equal(missing.status, 404);
  assert.equal(
    (await meta("GET", "/instance")).status,
    404,
    "no basePath: /api:meta is at the root",
  );
});

Deno.test("meta api: missing, unknown and expired tokens are 401", async () => {
  const { sandbox, clock, token } = await metaSandbox({ tokenTtlMs: 1_000 });
  const none = await call(sandbox, "GET", "/api:meta/workspace");
  assert.equal(none.status, 401);
  assert.equal(none.body.code, "ERROR_CODE_UNAUTHORIZED");
  assert.equal(
    (await call(sandbox, "GET", "/api:meta/workspace", { token: "xsm_nope" })).status,
    401,
  );
  const malformed = await call(sandbox, "GET", "/api:meta/workspace", {
    headers: { authorization: "Basic abc" },
  });
  assert.equal(malformed.status, 401);
  assert.equal((await call(sandbox, "GET", "/api:meta/workspace", { token })).status, 200);
  clock.advance(1_000);
  const expired = await call(sandbox, "GET", "/api:meta/workspace", { token });
  assert.equal(expired.status, 401);
  assert.match(expired.body.message, /expired/);
});

Deno.test("meta api: a token without the scope gets 403, with it 200", async () => {
  const { sandbox } = await metaSandbox();
  const reader = await sandbox.issueToken({
    scopes: { workspace: "R", database: "R", content: "R" },
  });
  const get = (path: string) => call(sandbox, "GET", `/api:meta${path}`, { token: reader });
  assert.equal((await get("/workspace/1/table")).status, 200);
  assert.equal((await get("/workspace/1/table/1/content")).status, 200);
  const write = await call(sandbox, "POST", "/api:meta/workspace/1/table/1/content", {
    token: reader,
    body: { name: "x", email: "x@example.com" },
  });
  assert.equal(write.status, 403);
  assert.equal(write.body.code, "ERROR_CODE_ACCESS_DENIED");
  const history = await get("/workspace/1/request_history");
  assert.equal(history.status, 403);
  assert.match(history.body.message, /request_history/);
});

Deno.test("meta api: unknown routes are Xano-style 404s, never 500s", async () => {
  const { meta, sandbox } = await metaSandbox();
  const res = await meta("GET", "/nowhere");
  assert.equal(res.status, 404);
  assert.equal(res.body.code, "ERROR_CODE_NOT_FOUND");
  const outside = await call(sandbox, "GET", "/elsewhere");
  assert.equal(outside.status, 404);
  assert.equal(outside.body.code, "ERROR_CODE_NOT_FOUND");
  const ws = await meta("GET", "/workspace/abc");
  assert.equal(ws.status, 404);
});
