/**
 * Property-based fuzzing of the real app (fast-check): JSON-RPC envelopes
 * posted to `/mcp`, random arguments to every tool, random SDK code and
 * XanoScript. The properties: never a 5xx from our side, never a stack trace,
 * never an "unexpected" tool failure, and every refusal says something.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { memoryKv } from "../_helpers.ts";
import { scale, stack, textOf } from "./_stack.ts";

const RUNS = scale(40, 1000);
const STACK_TRACE = /\n\s+at .+\(.*:\d+:\d+\)|file:\/\/\//;
const counts = { envelopes: 0, toolCalls: 0, sdk: 0, xanoscript: 0 };

async function post(
  app: { fetch(request: Request): Response | Promise<Response> },
  key: string,
  body: string,
  session?: string,
): Promise<void> {
  const res = await app.fetch(
    new Request("http://127.0.0.1:8000/mcp", {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...(session ? { "mcp-session-id": session } : {}),
      },
      body,
    }),
  );
  const text = await res.text();
  assert.ok(
    res.status < 500,
    `status ${res.status} for ${body.slice(0, 200)}: ${text.slice(0, 300)}`,
  );
  assert.doesNotMatch(text, STACK_TRACE);
  if (res.status >= 400) assert.ok(text.length > 0, `empty ${res.status} body`);
}

const rpcLike = fc.record({
  jsonrpc: fc.oneof(fc.constant("2.0"), fc.string()),
  id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
  method: fc.oneof(
    fc.constantFrom(
      "initialize",
      "tools/list",
      "tools/call",
      "ping",
      "resources/read",
      "prompts/get",
    ),
    fc.string(),
  ),
  params: fc.oneof(fc.object(), fc.jsonValue()),
}, { requiredKeys: [] });

Deno.test("fuzz: JSON-RPC envelopes to /mcp never get a 5xx or a stack trace", async () => {
  using kv = await memoryKv();
  const s = await stack(kv);
  const client = await s.connect();
  const session = (client.transport as { sessionId?: string }).sessionId;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        rpcLike.map((m) => JSON.stringify(m)),
        fc.array(rpcLike, { maxLength: 4 }).map((m) => JSON.stringify(m)),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 200 }),
      ),
      fc.boolean(),
      async (body, withSession) => {
        counts.envelopes++;
        await post(s.app, s.key, body, withSession ? session : undefined);
      },
    ),
    { numRuns: RUNS * 3 },
  );
  await client.close();
});

Deno.test("fuzz: random arguments to every tool get a result or a clear error, never an unexpected failure", async () => {
  using kv = await memoryKv();
  const s = await stack(kv);
  const client = await s.connect();
  const tools = (await client.listTools()).tools.map((t) => t.name);
  const value = fc.oneof(
    fc.integer({ min: -3, max: 5 }),
    fc.string({ maxLength: 20 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
  );
  const keys = fc.constantFrom(
    "workspace_id",
    "table_id",
    "record_id",
    "data",
    "records",
    "conditions",
    "cursor",
    "limit",
    "name",
    "fields",
    "code",
    "source",
    "api_group_id",
    "object_id",
    "field",
    "new_name",
    "type",
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...tools),
      fc.dictionary(keys, value, { maxKeys: 5 }),
      async (name, args) => {
        counts.toolCalls++;
        let text: string;
        try {
          const result = await client.callTool({ name, arguments: args });
          text = textOf(result);
          if (result.isError) assert.ok(text.trim().length > 0, `${name}: empty error`);
        } catch (error) {
          text = String(error);
          assert.match(text, /MCP error -32\d{3}: \S/, `${name} threw ${text}`);
        }
        assert.doesNotMatch(
          text,
          /failed unexpectedly/,
          `${name}(${JSON.stringify(args)}): ${text}`,
        );
        assert.doesNotMatch(text, STACK_TRACE);
      },
    ),
    { numRuns: RUNS * 3 },
  );
  await client.close();
});

const sdkish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.tuple(
    fc.constantFrom("create", "endpoint", "fn", "table", "query", "db", "$", "return", "var"),
    fc.constantFrom("(", ".", "{", "[", "`", '"', "=>", ";", ")"),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(")", "}", "]", ";", ".get(", ".response(", "\n"),
  ).map((parts) => parts.join("")),
  fc.array(
    fc.constantFrom(
      'create("products", "GET")',
      '.input("name", "text")',
      '.dbGet("products", { id: $input.id })',
      ".response($result)",
      "const x = 1;",
      "\n",
      "})",
      "((",
    ),
    { maxLength: 8 },
  ).map((parts) => parts.join("")),
);

const xanoscriptish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(
    fc.constantFrom(
      "query products verb=GET {",
      "input {",
      "int id",
      "text name?",
      "}",
      "stack {",
      "db.get products {",
      'field_name = "id"',
      "field_value = $input.id",
      "} as $product",
      "response = $product",
      "function x {",
      "table t {",
      "schema {",
      '"',
      "{",
    ),
    { maxLength: 12 },
  ).map((lines) => lines.join("\n")),
);

Deno.test("fuzz: random SDK code and XanoScript compile to diagnostics, never a crash", async () => {
  using kv = await memoryKv();
  const s = await stack(kv);
  const client = await s.connect();
  const check = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    const text = textOf(result);
    assert.ok(text.trim().length > 0, `${name}: empty answer`);
    assert.doesNotMatch(text, /failed unexpectedly/, `${name}: ${text}\n${JSON.stringify(args)}`);
    assert.doesNotMatch(text, STACK_TRACE);
  };
  await fc.assert(
    fc.asyncProperty(sdkish, fc.boolean(), async (code, fix) => {
      counts.sdk++;
      await check("compile_sdk_code", { code, fix });
    }),
    { numRuns: RUNS * 2 },
  );
  await fc.assert(
    fc.asyncProperty(xanoscriptish, async (source) => {
      counts.xanoscript++;
      await check("validate_xanoscript", { source });
    }),
    { numRuns: RUNS * 2 },
  );
  console.log(JSON.stringify({ fuzzCases: counts }));
  await client.close();
});
