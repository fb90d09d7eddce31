import assert from "node:assert/strict";
import { createApiKeyStore } from "../../lib/auth/api_keys.ts";
import { manualClock, sequentialIds } from "../../lib/clock.ts";
import { memoryKv, testApp } from "../_helpers.ts";
import { connect, INIT, rpc } from "./_harness.ts";
import { memoryXano } from "./_memory_xano.ts";

Deno.test("app: /mcp is mounted behind the real verifier and its 401 points at the app's PRM", async () => {
  using kv = await memoryKv();
  const app = await testApp(kv);
  const res = await app.fetch(rpc(INIT));
  assert.equal(res.status, 401);
  const challenge = res.headers.get("www-authenticate") ?? "";
  const metadata = /resource_metadata="([^"]+)"/.exec(challenge)![1];
  const prm = await app.fetch(new Request(metadata));
  assert.equal(prm.status, 200);
  assert.match((await prm.json()).resource, /\/mcp$/);
});

Deno.test("app: a personal API key reaches the Xano tools, narrowed by its grant", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.now());
  const ids = sequentialIds("t");
  const xano = memoryXano();
  const app = await testApp(kv, { clock, ids, mcp: { xanoFor: () => Promise.resolve(xano) } });
  const keys = createApiKeyStore({ kv, clock, ids });
  const { key } = await keys.create("u-1", {
    name: "laptop",
    scopes: ["xano:read"],
    expiresInDays: 30,
    readOnly: true,
    workspaceId: 1,
  });
  const { client } = await connect(app, { token: key });
  const names = (await client.listTools()).tools.map((tool) => tool.name);
  assert.ok(names.includes("xano_list_tables"));
  assert.ok(!names.some((name) => /create|update|delete|deploy/.test(name)));
  const tables = await client.callTool({ name: "xano_list_tables", arguments: {} });
  assert.match(JSON.stringify(tables.content), /3: orders/);
  await client.close();
});

Deno.test("app: without a configured Xano, tools answer with a clear error instead of failing", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.now());
  const ids = sequentialIds("t");
  const app = await testApp(kv, { clock, ids });
  const { key } = await createApiKeyStore({ kv, clock, ids }).create("u-1", {
    name: "k",
    scopes: ["xano:read"],
    expiresInDays: 1,
  });
  const { client } = await connect(app, { token: key });
  const result = await client.callTool({ name: "xano_list_databases", arguments: {} });
  assert.equal(result.isError, true);
  assert.match(JSON.stringify(result.content), /no Xano connection configured/);
  await client.close();
});
