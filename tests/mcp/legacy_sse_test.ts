import assert from "node:assert/strict";
import { Client, SSEClientTransport } from "../../mcp/sdk.ts";
import { memoryKv } from "../_helpers.ts";
import { product } from "./_product.ts";

Deno.test("legacy sse: a 2024-11-05 client connects at /sse with a bearer token and calls tools", async () => {
  using kv = await memoryKv();
  const { app, sessions, legacy } = product(kv);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;
  try {
    const denied = await fetch(`${base}/sse`);
    assert.equal(denied.status, 401);
    assert.match(denied.headers.get("www-authenticate") ?? "", /resource_metadata=/);
    await denied.body?.cancel();

    const headers = { authorization: "Bearer token-pinned" };
    const transport = new SSEClientTransport(new URL(`${base}/sse`), {
      requestInit: { headers },
      eventSourceInit: {
        fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...headers } }),
      },
    });
    const client = new Client({ name: "legacy", version: "1" });
    await client.connect(transport);
    const tools = (await client.listTools()).tools;
    assert.ok(tools.some((tool) => tool.name === "xano_list_tables"));
    const result = await client.callTool({ name: "xano_list_tables", arguments: {} });
    assert.match(JSON.stringify(result.content), /3 table\(s\) in workspace 1/);

    const stranger = await fetch(`${base}/sse/messages?sessionId=sse_unknown`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    assert.equal(stranger.status, 404);
    await stranger.body?.cancel();
    await client.close();
  } finally {
    await legacy.close();
    await sessions.closeAll();
    await server.shutdown();
  }
});
