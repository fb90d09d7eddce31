/**
 * `deno bench --allow-all bench/modern_era_bench.ts`: what one 2026-07-28
 * request costs through the product's `/mcp` routes (auth by a test grant,
 * KV in memory, Xano in memory). That era has no sessions: the v2 SDK builds
 * a server per request, so whatever the server derives from the tools (their
 * JSON Schemas) is paid per request unless it is shared.
 */

import { product } from "../tests/mcp/_product.ts";

const ERA = "2026-07-28";
const kv = await Deno.openKv(":memory:");
const { app } = product(kv);

function request(method: string, params: Record<string, unknown>): Request {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    authorization: "Bearer token-full",
    "mcp-protocol-version": ERA,
    "mcp-method": method,
  };
  if (typeof params.name === "string") headers["mcp-name"] = params.name;
  const meta = {
    "io.modelcontextprotocol/protocolVersion": ERA,
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": { name: "bench", version: "1" },
  };
  return new Request("http://127.0.0.1:8000/mcp", {
    method: "POST",
    headers,
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: { ...params, _meta: meta } }),
  });
}

async function send(method: string, params: Record<string, unknown> = {}): Promise<void> {
  const response = await app.fetch(request(method, params));
  const body = await response.json();
  if (!response.ok || body.error) {
    throw new Error(`${method}: ${JSON.stringify(body).slice(0, 200)}`);
  }
}

Deno.bench("2026-07-28 tools/list (every tool with its schemas)", async () => {
  await send("tools/list");
});

Deno.bench("2026-07-28 tools/call xano_list_tables", async () => {
  await send("tools/call", { name: "xano_list_tables", arguments: { workspace_id: 1 } });
});
