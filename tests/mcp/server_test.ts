import assert from "node:assert/strict";
import { manualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/log.ts";
import { createConfirmationStore } from "../../mcp/confirmation.ts";
import { defineTool } from "../../mcp/inventory.ts";
import { ok } from "../../mcp/result.ts";
import { ElicitRequestSchema } from "../../mcp/sdk.ts";
import { createMcpServer, type ToolCallEvent } from "../../mcp/server.ts";
import { memoryKv } from "../_helpers.ts";
import {
  connect,
  demoApp,
  demoTools,
  errorMeta,
  grant,
  linkedClient,
  mapVerifier,
} from "./_harness.ts";

type Structured = Record<string, unknown>;

Deno.test("mcp server: lists the tools of the grant with schemas and annotations", async () => {
  using kv = await memoryKv();
  const { app, sessions } = demoApp({ kv });
  const { client } = await connect(app, { token: "token-full" });
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), ["demo_list", "demo_add", "demo_delete"]);
  const del = tools.find((tool) => tool.name === "demo_delete")!;
  assert.equal(del.annotations?.destructiveHint, true);
  assert.ok("confirmation_token" in (del.inputSchema.properties ?? {}));
  assert.ok(del.outputSchema);
  await client.close();
  await sessions.closeAll();
});

Deno.test("mcp server: read-only (grant or ?read_only=1) hides and refuses write tools", async () => {
  using kv = await memoryKv();
  const verifier = mapVerifier({ "token-full": grant(), "token-ro": grant({ readOnly: true }) });
  const { app, sessions, items } = demoApp({ kv, verifier });
  for (const options of [{ token: "token-full", query: "?read_only=1" }, { token: "token-ro" }]) {
    const { client } = await connect(app, options);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name), ["demo_list"]);
    const refused = await client.callTool({ name: "demo_add", arguments: { name: "x" } });
    assert.equal(refused.isError, true);
    assert.match(
      JSON.stringify(refused.content),
      /Tool \\"demo_add\\" is not available: this connection is read-only/,
    );
    assert.equal(items.size, 2);
    await client.close();
  }
  // ?read_only=0 cannot widen a read-only grant
  const { client } = await connect(app, { token: "token-ro", query: "?read_only=0" });
  assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name), ["demo_list"]);
  await client.close();
  await sessions.closeAll();
});

Deno.test("mcp server: ?toolsets narrows and cannot widen the grant's toolsets", async () => {
  using kv = await memoryKv();
  const verifier = mapVerifier({ "token-apis": grant({ toolsets: ["apis"] }) });
  const { app, sessions } = demoApp({ kv, verifier });
  const { client } = await connect(app, { token: "token-apis", query: "?toolsets=tables" });
  assert.deepEqual((await client.listTools()).tools, []);
  await client.close();
  await sessions.closeAll();
});

Deno.test("mcp server: destructive tool without elicitation needs a preview, then a single-use token", async () => {
  using kv = await memoryKv();
  const { app, sessions, items } = demoApp({ kv });
  const { client } = await connect(app, { token: "token-full" });
  await client.listTools(); // the client now validates results against output schemas
  const first = await client.callTool({ name: "demo_delete", arguments: { id: 1 } });
  assert.equal(first.isError, true);
  const structured = errorMeta(first);
  assert.equal(structured.confirmation_required, true);
  assert.match(String(structured.preview), /Delete item 1 \("one"\)/);
  assert.equal(items.size, 2);

  const token = String(structured.confirmation_token);
  const otherArgs = await client.callTool({
    name: "demo_delete",
    arguments: { id: 2, confirmation_token: token },
  });
  assert.equal(otherArgs.isError, true);
  assert.equal(items.size, 2);

  const again = await client.callTool({ name: "demo_delete", arguments: { id: 1 } });
  const token2 = String(errorMeta(again).confirmation_token);
  const confirmed = await client.callTool({
    name: "demo_delete",
    arguments: { id: 1, confirmation_token: token2 },
  });
  assert.equal(confirmed.isError, undefined);
  assert.deepEqual(confirmed.structuredContent, { deleted: 1 });
  assert.equal(items.has(1), false);

  const reused = await client.callTool({
    name: "demo_delete",
    arguments: { id: 1, confirmation_token: token2 },
  });
  assert.equal(reused.isError, true);
  assert.match(JSON.stringify(reused.content), /invalid, expired, already used/);
  await client.close();
  await sessions.closeAll();
});

Deno.test("mcp server: destructive tool asks through elicitation when the client supports it", async () => {
  using kv = await memoryKv();
  const { app, sessions, items } = demoApp({ kv });
  for (const answer of [false, true]) {
    const { client } = await connect(app, {
      token: "token-full",
      capabilities: { elicitation: {} },
    });
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return { action: "accept", content: { confirm: answer } };
    });
    const result = await client.callTool({ name: "demo_delete", arguments: { id: 2 } });
    assert.match(asked[0], /Delete item 2/);
    assert.equal(result.isError, answer ? undefined : true);
    assert.equal(items.has(2), !answer);
    await client.close();
  }
  await sessions.closeAll();
});

Deno.test("mcp server: invalid arguments are a tool error naming the field", async () => {
  using kv = await memoryKv();
  const { app, sessions } = demoApp({ kv });
  const { client } = await connect(app, { token: "token-full" });
  const result = await client.callTool({ name: "demo_add", arguments: { name: 42 } });
  assert.equal(result.isError, true);
  assert.match(JSON.stringify(result.content), /name/);
  await client.close();
  await sessions.closeAll();
});

Deno.test("mcp server: unknown tools and answers that break their output schema are tool errors", async () => {
  using kv = await memoryKv();
  const [list] = demoTools;
  const liar = defineTool({
    ...list!,
    name: "demo_liar",
    handler: () => Promise.resolve(ok({ items: "none" }, "none")),
  });
  const silent = defineTool({
    ...list!,
    name: "demo_silent",
    handler: () => Promise.resolve({ ok: true, text: "no data" } as never),
  });
  const { app, sessions } = demoApp({ kv, tools: [...demoTools, liar, silent] });
  const { client } = await connect(app, { token: "token-full" });
  const text = async (name: string) => {
    const result = await client.callTool({ name, arguments: {} });
    assert.equal(result.isError, true, name);
    return (result.content as { text: string }[])[0]!.text;
  };
  assert.equal(await text("demo_nope"), "MCP error -32602: Tool demo_nope not found");
  assert.match(
    await text("demo_liar"),
    /^MCP error -32602: Output validation error: Invalid structured content for tool demo_liar: .* at items$/,
  );
  assert.match(
    await text("demo_silent"),
    /Output validation error: Tool demo_silent has an output schema but no structured content/,
  );
  await client.close();
  await sessions.closeAll();
});

Deno.test("mcp server: a call to a tool the selection leaves out is reported as denied, once", async () => {
  using kv = await memoryKv();
  const events: ToolCallEvent[] = [];
  const server = createMcpServer({
    tools: demoTools,
    deps: { items: new Map([[1, "one"]]) },
    selection: { readOnly: true },
    grantId: "grant-1",
    confirmations: createConfirmationStore({ kv, clock: manualClock() }),
    logger: silentLogger,
    onToolCall: (event) => void events.push(event),
  });
  const client = await linkedClient(server, "denied");
  const refused = await client.callTool({ name: "demo_add", arguments: { name: "x" } });
  const listed = await client.callTool({ name: "demo_list", arguments: {} });
  await client.close();
  assert.equal(refused.isError, true);
  assert.equal(listed.isError, undefined);
  assert.deepEqual(events.map((event) => [event.tool, event.outcome]), [
    ["demo_add", "denied"],
    ["demo_list", "ok"],
  ]);
});
