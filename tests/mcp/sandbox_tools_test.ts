/**
 * The whole stack in process: the app with the OAuth verifier, `/mcp`, the real
 * Xano client and the local Xano sandbox behind it. A personal API key plays
 * the bearer token; the SDK client is the MCP client.
 */

import assert from "node:assert/strict";
import { createApiKeyStore } from "../../lib/auth/api_keys.ts";
import { sequentialIds, systemClock } from "../../lib/clock.ts";
import { createSealer } from "../../lib/crypto.ts";
import { createMetrics, type Metrics } from "../../lib/metrics.ts";
import { createSandbox } from "../../lib/sandbox/mod.ts";
import { createXanoRuntime } from "../../lib/xano/mod.ts";
import { memoryKv, testApp, testConfig } from "../_helpers.ts";
import { connect, errorMeta } from "./_harness.ts";

type Structured = Record<string, unknown>;

async function stack(kv: Deno.Kv, options: { debug?: boolean; metrics?: Metrics } = {}) {
  const sandbox = createSandbox({ clock: systemClock });
  const fetch = (request: Request) => sandbox.fetch(request);
  const xano = createXanoRuntime({
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(3)),
    clock: systemClock,
    fetch,
  });
  const metaUrl = sandbox.urls("http://sandbox.local").meta;
  const metaToken = await sandbox.issueToken();
  await xano.credentials.put("u-1", {
    kind: "token",
    metaUrl,
    metaToken,
    obtainedAt: Date.now(),
  });
  const ids = sequentialIds("k");
  const app = await testApp(kv, {
    clock: systemClock,
    ids,
    xano,
    fetch: fetch as typeof globalThis.fetch,
    config: testConfig(options.debug ? { MCP_DEBUG_TOOLS: "1" } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const { key } = await createApiKeyStore({ kv, clock: systemClock, ids }).create("u-1", {
    name: "test",
    scopes: [
      "xano:read",
      "xano:write",
      "xano:deploy",
      ...(options.debug ? ["xano:admin" as const] : []),
    ],
    expiresInDays: 1,
    ...(options.debug ? { toolsets: ["instances", "debug"] } : {}),
  });
  return { app, key, sandbox, metaToken };
}

Deno.test("sandbox stack: read tools work against the sandbox through the real client", async () => {
  using kv = await memoryKv();
  const { app, key } = await stack(kv);
  const { client } = await connect(app, { token: key });
  const dbs = await client.callTool({ name: "xano_list_databases", arguments: {} });
  assert.equal(dbs.isError, undefined, JSON.stringify(dbs.content));
  const ws = (dbs.structuredContent as { workspaces: { id: number }[] }).workspaces[0].id;
  const tables = await client.callTool({
    name: "xano_list_tables",
    arguments: { workspace_id: ws },
  });
  const list = (tables.structuredContent as { tables: { id: number; name: string }[] }).tables;
  assert.ok(list.some((t) => t.name === "products"), JSON.stringify(list));
  const products = list.find((t) => t.name === "products")!.id;
  for (
    const [name, args] of [
      ["xano_get_table_schema", { table_id: products }],
      ["xano_get_table_details", { table_id: products }],
      ["xano_browse_table_content", { table_id: products, limit: 3 }],
      ["xano_list_api_groups", {}],
      ["xano_list_functions", {}],
      ["analyze_workspace", {}],
      ["xano_get_request_history", {}],
      ["xano_get_workspace_details", {}],
    ] as const
  ) {
    const result = await client.callTool({ name, arguments: { workspace_id: ws, ...args } });
    assert.equal(result.isError, undefined, `${name}: ${JSON.stringify(result.content)}`);
  }
  const browse = await client.callTool({
    name: "xano_browse_table_content",
    arguments: { workspace_id: ws, table_id: products, limit: 2 },
  });
  assert.match(JSON.stringify(browse.content), /untrusted/);
  assert.ok((browse.structuredContent as Structured).next_cursor);
  await client.close();
});

Deno.test("sandbox stack: deploy SDK code to an API group and delete a record with confirmation", async () => {
  using kv = await memoryKv();
  const { app, key } = await stack(kv);
  const { client } = await connect(app, { token: key });
  const dbs = await client.callTool({ name: "xano_list_databases", arguments: {} });
  const ws = (dbs.structuredContent as { workspaces: { id: number }[] }).workspaces[0].id;
  const group = await client.callTool({
    name: "xano_create_api_group",
    arguments: { workspace_id: ws, name: "mcp-test" },
  });
  assert.equal(group.isError, undefined, JSON.stringify(group.content));
  const groupId = (group.structuredContent as { api_group_id: number }).api_group_id;

  const compiled = await client.callTool({
    name: "compile_sdk_code",
    arguments: { code: 'create("ping", "GET").response({ ok: true })' },
  });
  assert.equal(
    (compiled.structuredContent as Structured).ok,
    true,
    JSON.stringify(compiled.content),
  );
  const deployed = await client.callTool({
    name: "deploy_sdk_code",
    arguments: {
      workspace_id: ws,
      api_group_id: groupId,
      code: 'create("ping", "GET").response({ ok: true })',
    },
  });
  assert.equal(deployed.isError, undefined, JSON.stringify(deployed.content));
  const result = deployed.structuredContent as Structured;
  assert.match(String(result.endpoint_url), /^http:\/\/sandbox\.local\/api:[^/]+\/ping$/);
  assert.ok(Number(result.xanoscript_length) > 0);
  const apis = await client.callTool({
    name: "xano_list_apis",
    arguments: { workspace_id: ws, api_group_id: groupId },
  });
  assert.match(JSON.stringify(apis.content), /GET \/ping/);

  const tables = await client.callTool({
    name: "xano_list_tables",
    arguments: { workspace_id: ws, search: "products" },
  });
  const products = (tables.structuredContent as { tables: { id: number }[] }).tables[0].id;
  const page = await client.callTool({
    name: "xano_browse_table_content",
    arguments: { workspace_id: ws, table_id: products, limit: 1 },
  });
  const recordId = (page.structuredContent as { records: { id: number }[] }).records[0].id;
  const preview = await client.callTool({
    name: "xano_delete_table_record",
    arguments: { workspace_id: ws, table_id: products, record_id: recordId },
  });
  const token = errorMeta(preview).confirmation_token;
  const deleted = await client.callTool({
    name: "xano_delete_table_record",
    arguments: {
      workspace_id: ws,
      table_id: products,
      record_id: recordId,
      confirmation_token: token,
    },
  });
  assert.equal(deleted.isError, undefined, JSON.stringify(deleted.content));
  const gone = await client.callTool({
    name: "xano_get_table_record",
    arguments: { workspace_id: ws, table_id: products, record_id: recordId },
  });
  assert.equal(gone.isError, true);
  assert.match(JSON.stringify(gone.content), /Next step/);
  await client.close();
});

Deno.test("sandbox stack: debug tools exist only when enabled and show, renew and expire the credential", async () => {
  using kv = await memoryKv();
  const plain = await stack(kv);
  const { client: normal } = await connect(plain.app, { token: plain.key });
  assert.ok(!(await normal.listTools()).tools.some((t) => t.name.startsWith("debug_")));
  await normal.close();

  using kv2 = await memoryKv();
  const { app, key, metaToken } = await stack(kv2, { debug: true });
  const { client } = await connect(app, { token: key });
  const names = (await client.listTools()).tools.map((t) => t.name);
  assert.deepEqual(names.filter((n) => n.startsWith("debug_")), [
    "debug_auth",
    "debug_refresh_profile",
    "debug_expire_oauth_tokens",
  ]);
  const auth = await client.callTool({ name: "debug_auth", arguments: {} });
  const structured = auth.structuredContent as { connection: Structured; credential: Structured };
  assert.equal(structured.credential.signedIn, true);
  assert.deepEqual(structured.connection.toolsets, ["instances", "debug"]);
  assert.ok(!JSON.stringify(auth).includes(metaToken), "the token itself never appears");

  const preview = await client.callTool({
    name: "debug_expire_oauth_tokens",
    arguments: { which: "meta" },
  });
  const token = errorMeta(preview).confirmation_token;
  const expired = await client.callTool({
    name: "debug_expire_oauth_tokens",
    arguments: { which: "meta", confirmation_token: token },
  });
  assert.equal(expired.isError, undefined, JSON.stringify(expired.content));
  const after = await client.callTool({ name: "xano_list_databases", arguments: {} });
  assert.equal(after.isError, true);
  assert.match(JSON.stringify(after.content), /Next step/);
  await client.close();
});

Deno.test("sandbox stack: templates deploy CRUD, auth and Stripe endpoints from the real schema", async () => {
  using kv = await memoryKv();
  const { app, key } = await stack(kv);
  const { client } = await connect(app, { token: key });
  const dbs = await client.callTool({ name: "xano_list_databases", arguments: {} });
  const ws = (dbs.structuredContent as { workspaces: { id: number }[] }).workspaces[0].id;
  const tables =
    (await client.callTool({ name: "xano_list_tables", arguments: { workspace_id: ws } }))
      .structuredContent as { tables: { id: number; name: string }[] };
  const products = tables.tables.find((t) => t.name === "products")!.id;
  const users = tables.tables.find((t) => t.name === "users")!.id;
  const group = await client.callTool({
    name: "xano_create_api_group",
    arguments: { workspace_id: ws, name: "templates" },
  });
  const groupId = (group.structuredContent as { api_group_id: number }).api_group_id;

  const dry = await client.callTool({
    name: "create_crud_system",
    arguments: { workspace_id: ws, table_id: products, api_group_id: groupId, dry_run: true },
  });
  assert.equal((dry.structuredContent as { sdk_code: string[] }).sdk_code.length, 5);
  const crud = await client.callTool({
    name: "create_crud_system",
    arguments: { workspace_id: ws, table_id: products, api_group_id: groupId },
  });
  const crudResult = crud.structuredContent as { deployed: unknown[]; failed: unknown[] };
  assert.deepEqual(crudResult.failed, [], JSON.stringify(crud.content));
  assert.equal(crudResult.deployed.length, 5);

  const auth = await client.callTool({
    name: "create_auth_system",
    arguments: { workspace_id: ws, table_id: users, api_group_id: groupId },
  });
  if (auth.isError) {
    assert.match(JSON.stringify(auth.content), /needs an "email" field/);
  } else {
    assert.deepEqual(
      (auth.structuredContent as { failed: unknown[] }).failed,
      [],
      JSON.stringify(auth.content),
    );
  }
  const stripe = await client.callTool({
    name: "create_stripe_integration",
    arguments: { workspace_id: ws, api_group_id: groupId },
  });
  assert.equal(
    (stripe.structuredContent as { deployed: unknown[] }).deployed.length,
    2,
    JSON.stringify(stripe.content),
  );
  assert.match(JSON.stringify(stripe.content), /STRIPE_SECRET_KEY/);
  const apis = await client.callTool({
    name: "xano_list_apis",
    arguments: { workspace_id: ws, api_group_id: groupId },
  });
  assert.match(JSON.stringify(apis.content), /PUT \/products\/\{id\}/);
  await client.close();
});

Deno.test("sandbox stack: compile_sdk_code is served from the KV compile cache the second time", async () => {
  using kv = await memoryKv();
  const metrics = createMetrics();
  const { app, key } = await stack(kv, { metrics });
  const { client } = await connect(app, { token: key });
  const code = 'create("ping", "GET").response({ ok: true })';
  const first = await client.callTool({ name: "compile_sdk_code", arguments: { code } });
  const second = await client.callTool({ name: "compile_sdk_code", arguments: { code } });
  assert.equal(first.isError, undefined, JSON.stringify(first.content));
  assert.deepEqual(second.structuredContent, first.structuredContent);
  const text = await metrics.render();
  assert.match(text, /compile_cache_lookups_total\{result="miss"\} 1/);
  assert.match(text, /compile_cache_lookups_total\{result="hit"\} 1/);
  const cached = await Array.fromAsync(kv.list({ prefix: ["compile_cache"] }));
  assert.equal(cached.length, 1);
  await client.close();
});
