import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { createSandbox, sandboxFetch } from "../../../lib/sandbox/mod.ts";
import { memoryKv, testApp } from "../../_helpers.ts";

Deno.test("app: mounts the sandbox at /_sandbox with Xano-shaped answers", async () => {
  using kv = await memoryKv();
  const sandbox = createSandbox({ kv, clock: manualClock(), basePath: "/_sandbox" });
  const app = await testApp(kv, { sandbox });
  const login = await app.request("/_sandbox/api:auth/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "demo@example.com", password: "demo1234" }),
  });
  assert.equal(login.status, 200);
  const { authToken } = await login.json();
  const me = await app.request("/_sandbox/api:auth/auth/me", {
    headers: { authorization: `Bearer ${authToken}` },
  });
  const { api_key } = await me.json();
  const tables = await app.request("/_sandbox/api:meta/workspace/1/table", {
    headers: { authorization: `Bearer ${api_key}` },
  });
  assert.equal(tables.status, 200);
  assert.equal((await tables.json()).items.length, 3);
  assert.match(tables.headers.get("x-request-id") ?? "", /^req-/, "the app's middleware runs too");
  const missing = await app.request("/_sandbox/api:meta/nowhere", {
    headers: { authorization: `Bearer ${api_key}` },
  });
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).code, "ERROR_CODE_NOT_FOUND");
  const health = await app.request("/health/live");
  assert.equal(health.status, 200, "the app's own routes are untouched");
});

Deno.test("app: without a sandbox, /_sandbox does not exist", async () => {
  using kv = await memoryKv();
  const app = await testApp(kv);
  const res = await app.request("/_sandbox/api:meta/workspace");
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, "not_found");
});

Deno.test("sandbox: state kept in KV survives a new sandbox over the same KV", async () => {
  using kv = await memoryKv();
  const first = createSandbox({ kv, clock: manualClock() });
  const token = await first.issueToken();
  const create = await first.fetch(
    new Request("http://s/api:meta/workspace/1/table", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "kept" }),
    }),
  );
  assert.equal(create.status, 200);
  const second = createSandbox({ kv, clock: manualClock() });
  const list = await second.fetch(
    new Request("http://s/api:meta/workspace/1/table", {
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  const names = (await list.json()).items.map((t: { name: string }) => t.name);
  assert.deepEqual(names, ["users", "products", "orders", "kept"]);
  const keys = [];
  for await (const entry of kv.list({ prefix: ["sandbox"] })) keys.push(entry.key[1]);
  assert.ok(keys.includes("tables") && keys.includes("rows"), 'stored under ["sandbox", …]');
});

Deno.test("sandboxFetch: the sandbox's own URLs are answered in process, others passed on", async () => {
  const sandbox = createSandbox({ clock: manualClock(), basePath: "/_sandbox" });
  const passed: string[] = [];
  const fetchXano = sandboxFetch(sandbox, "http://127.0.0.1:8000", (request) => {
    passed.push(request.url);
    return Promise.resolve(new Response("elsewhere"));
  });
  const login = await fetchXano(
    new Request("http://127.0.0.1:8000/_sandbox/api:auth/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "demo@example.com", password: "demo1234" }),
    }),
  );
  assert.equal(login.status, 200);
  const other = await fetchXano(new Request("https://x1.xano.io/api:meta/auth/me"));
  assert.equal(await other.text(), "elsewhere");
  const lookalike = await fetchXano(new Request("http://127.0.0.1:8000/_sandbox/api:metaX/y"));
  assert.equal(await lookalike.text(), "elsewhere");
  assert.deepEqual(passed, [
    "https://x1.xano.io/api:meta/auth/me",
    "http://127.0.0.1:8000/_sandbox/api:metaX/y",
  ]);
});
