import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import { connect, errorMeta } from "./_harness.ts";
import { product } from "./_product.ts";
import type { Hono } from "hono";

const ERA = "2026-07-28";

/** One 2026-07-28 request: the `_meta` envelope plus `Mcp-Method`/`Mcp-Name` headers. */
async function modern(
  app: Hono,
  method: string,
  params: Record<string, unknown> = {},
  options: { token?: string; query?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": ERA,
    "mcp-method": method,
  };
  const name = method === "resources/read" ? params.uri : params.name;
  if (typeof name === "string") headers["mcp-name"] = name;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await app.fetch(
    new Request(`http://127.0.0.1:8000/mcp${options.query ?? ""}`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method,
        params: {
          ...params,
          _meta: {
            "io.modelcontextprotocol/protocolVersion": ERA,
            "io.modelcontextprotocol/clientCapabilities": {},
            "io.modelcontextprotocol/clientInfo": { name: "t", version: "1" },
          },
        },
      }),
    }),
  );
  assert.equal(res.headers.get("mcp-session-id"), null);
  return { status: res.status, body: await res.json() };
}

function result(answer: { body: Record<string, unknown> }): Record<string, unknown> {
  assert.equal(answer.body.error, undefined, JSON.stringify(answer.body.error));
  return answer.body.result as Record<string, unknown>;
}

Deno.test("mcp 2026-07-28: server/discover names the era and the server, without a session", async () => {
  using kv = await memoryKv();
  const { app } = product(kv);
  const answer = await modern(app, "server/discover", {}, { token: "token-full" });
  assert.equal(answer.status, 200);
  const discovered = result(answer);
  assert.deepEqual(discovered.supportedVersions, [ERA]);
  assert.deepEqual((discovered.capabilities as Record<string, unknown>).tools, {
    listChanged: true,
  });
  const meta = discovered._meta as Record<string, { name: string }>;
  assert.equal(meta["io.modelcontextprotocol/serverInfo"].name, "xano-mcp");
});

Deno.test("mcp 2026-07-28: the bearer token is required, as for the 2025 era", async () => {
  using kv = await memoryKv();
  const { app } = product(kv);
  assert.equal((await modern(app, "tools/list")).status, 401);
  assert.equal((await modern(app, "tools/list", {}, { token: "token-wrong" })).status, 401);
});

Deno.test("mcp 2026-07-28: tools/list is the same inventory the 2025 session sees, per grant", async () => {
  using kv = await memoryKv();
  const { app, sessions } = product(kv);
  const { client } = await connect(app, { token: "token-full", query: "?read_only=1" });
  const legacyNames = (await client.listTools()).tools.map((tool) => tool.name).sort();
  const tools = result(
    await modern(app, "tools/list", {}, { token: "token-full", query: "?read_only=1" }),
  ).tools as { name: string; inputSchema: { properties: Record<string, unknown> } }[];
  assert.deepEqual(tools.map((tool) => tool.name).sort(), legacyNames);
  assert.ok(!legacyNames.some((name) => /create|delete|deploy/.test(name)));
  const full = result(await modern(app, "tools/list", {}, { token: "token-full" }))
    .tools as typeof tools;
  const del = full.find((tool) => tool.name === "xano_delete_table")!;
  assert.ok("confirmation_token" in del.inputSchema.properties);
  // The legacy session keeps working beside the sessionless requests.
  const tables = await client.callTool({
    name: "xano_list_tables",
    arguments: { workspace_id: 1 },
  });
  assert.match(JSON.stringify(tables.content), /orders/);
  await client.close();
  await sessions.closeAll();
});

Deno.test("mcp 2026-07-28: tools/call runs the tool and keeps the confirmation policy", async () => {
  using kv = await memoryKv();
  const { app, xano } = product(kv);
  const listed = result(
    await modern(app, "tools/call", { name: "xano_list_tables", arguments: {} }, {
      token: "token-pinned",
    }),
  );
  assert.match(JSON.stringify(listed.content), /3: orders/);
  assert.equal(listed.resultType, "complete");

  const args = { workspace_id: 1, table_id: 3 };
  const preview = result(
    await modern(app, "tools/call", { name: "xano_delete_table", arguments: args }, {
      token: "token-full",
    }),
  );
  assert.equal(preview.isError, true);
  assert.ok(xano.tables.has(3));
  const token = errorMeta(preview).confirmation_token as string;
  assert.match(token, /\S{8,}/);
  const done = result(
    await modern(app, "tools/call", {
      name: "xano_delete_table",
      arguments: { ...args, confirmation_token: token },
    }, { token: "token-full" }),
  );
  assert.notEqual(done.isError, true, JSON.stringify(done.content));
  assert.equal(xano.tables.has(3), false);
});

Deno.test("mcp 2026-07-28: a tools/call beyond the grant's scopes is a 403 step-up", async () => {
  using kv = await memoryKv();
  const { app } = product(kv);
  const { status } = await modern(app, "tools/call", {
    name: "xano_delete_table",
    arguments: { workspace_id: 1, table_id: 3 },
  }, { token: "token-read" });
  assert.equal(status, 403);
});

Deno.test("mcp 2026-07-28: a bad envelope or version is a 400 with the JSON-RPC id kept", async () => {
  using kv = await memoryKv();
  const { app } = product(kv);
  const send = async (meta: Record<string, unknown>, version = ERA) => {
    const res = await app.fetch(
      new Request("http://127.0.0.1:8000/mcp", {
        method: "POST",
        headers: {
          authorization: "Bearer token-full",
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": version,
          "mcp-method": "tools/list",
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 41,
          method: "tools/list",
          params: { _meta: meta },
        }),
      }),
    );
    return { status: res.status, body: await res.json() };
  };
  const noCapabilities = await send({ "io.modelcontextprotocol/protocolVersion": ERA });
  assert.equal(noCapabilities.status, 400);
  assert.equal(noCapabilities.body.error.code, -32602);
  assert.equal(noCapabilities.body.id, 41);
  const future = await send({
    "io.modelcontextprotocol/protocolVersion": "2099-01-01",
    "io.modelcontextprotocol/clientCapabilities": {},
  }, "2099-01-01");
  assert.equal(future.status, 400);
  assert.deepEqual(future.body.error.data.supported, [ERA]);
});

Deno.test("mcp 2026-07-28: the same resources and prompts as the 2025 session", async () => {
  using kv = await memoryKv();
  const { app, sessions } = product(kv);
  const { client } = await connect(app, { token: "token-pinned" });
  const legacyPrompts = (await client.listPrompts()).prompts.map((prompt) => prompt.name);
  const legacyResources = (await client.listResources()).resources.map((resource) => resource.uri);
  await client.close();
  await sessions.closeAll();

  const auth = { token: "token-pinned" };
  const prompts = result(await modern(app, "prompts/list", {}, auth)).prompts as { name: string }[];
  assert.deepEqual(prompts.map((prompt) => prompt.name), legacyPrompts);
  const resources = result(await modern(app, "resources/list", {}, auth))
    .resources as { uri: string }[];
  assert.deepEqual(resources.map((resource) => resource.uri), legacyResources);
  assert.ok(legacyResources.includes("xano://workspace/1/schema"));

  const schema = result(
    await modern(app, "resources/read", { uri: "xano://workspace/1/schema" }, auth),
  ).contents as { text: string }[];
  assert.match(schema[0].text, /orders \(3\)/);
  const crud = result(
    await modern(
      app,
      "prompts/get",
      { name: "build_crud_api", arguments: { table: "orders" } },
      auth,
    ),
  ).messages as { content: { text: string } }[];
  assert.match(crud[0].content.text, /"orders" table \(GET,POST,PATCH,DELETE\)/);
  const completion = result(
    await modern(app, "completion/complete", {
      ref: { type: "ref/prompt", name: "design_table" },
      argument: { name: "auth", value: "y" },
    }, auth),
  ).completion as { values: string[] };
  assert.deepEqual(completion.values, ["yes"]);
});
