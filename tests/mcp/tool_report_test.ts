import assert from "node:assert/strict";
import { manualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/log.ts";
import { createConfirmationStore } from "../../mcp/confirmation.ts";
import { Client, InMemoryTransport } from "../../mcp/sdk.ts";
import { createMcpServer, type ToolCallReport } from "../../mcp/server.ts";
import { memoryKv } from "../_helpers.ts";
import { demoTools } from "./_harness.ts";

async function serve(kv: Deno.Kv, onToolCall: (report: ToolCallReport) => Promise<void>) {
  const server = createMcpServer({
    tools: demoTools,
    deps: { items: new Map([[1, "one"]]) },
    selection: { readOnly: false },
    grantId: "g-1",
    confirmations: createConfirmationStore({ kv, clock: manualClock() }),
    logger: silentLogger,
    onToolCall,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "t", version: "1" });
  await client.connect(clientSide);
  return { client, server };
}

Deno.test("mcp server: every tool call is reported once it ends, failures included", async () => {
  using kv = await memoryKv();
  const reports: ToolCallReport[] = [];
  const { client, server } = await serve(kv, (report) => {
    reports.push(report);
    return Promise.resolve();
  });
  await client.callTool({ name: "demo_list", arguments: {} });
  await client.callTool({ name: "demo_delete", arguments: { id: 1 } });
  assert.deepEqual(reports.map((r) => [r.tool, r.ok]), [["demo_list", true], [
    "demo_delete",
    false,
  ]]);
  assert.deepEqual(reports[0]!.data, { items: [{ id: 1, name: "one" }] });
  assert.ok(reports[0]!.durationMs >= 0);
  assert.deepEqual(reports[1]!.args, { id: 1 });
  assert.match(reports[1]!.error ?? "", /Confirmation required/);
  await client.close();
  await server.close();
});

Deno.test("mcp server: a failing report does not fail the tool call", async () => {
  using kv = await memoryKv();
  const { client, server } = await serve(kv, () => Promise.reject(new Error("KV down")));
  const result = await client.callTool({ name: "demo_list", arguments: {} });
  assert.notEqual(result.isError, true);
  await client.close();
  await server.close();
});
