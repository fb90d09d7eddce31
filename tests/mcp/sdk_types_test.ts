import assert from "node:assert/strict";
import { Client, InMemoryTransport, McpServer } from "../../mcp/sdk.ts";

Deno.test("mcp sdk shim: classes carry real types and a client reaches a server in memory", async () => {
  const server = new McpServer({ name: "t", version: "0.0.0" });
  // @ts-expect-error: if the SDK types were `any`, this line would type-check and `deno check` would fail here.
  const notANumber: number = server;
  void notANumber;
  server.registerTool(
    "echo",
    { description: "echo", inputSchema: {} },
    () => ({ content: [{ type: "text", text: "hi" }] }),
  );
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "c", version: "0.0.0" });
  await Promise.all([server.connect(a), client.connect(b)]);
  const tools = await client.listTools();
  assert.deepEqual(tools.tools.map((t) => t.name), ["echo"]);
  await client.close();
  await server.close();
});
