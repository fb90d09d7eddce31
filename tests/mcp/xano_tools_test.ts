import assert from "node:assert/strict";
import { QUICK_REFERENCE, QUICK_REFERENCE_BUDGET } from "../../mcp/resources.ts";
import { estimateTokens } from "../../mcp/result.ts";
import { memoryKv } from "../_helpers.ts";
import { product } from "./_product.ts";
import { memoryXano } from "./_memory_xano.ts";
import { connect, errorMeta } from "./_harness.ts";

type Structured = Record<string, unknown>;

Deno.test("xano tools: read tools answer compact text plus structured content", async () => {
  using kv = await memoryKv();
  const { app, sessions } = product(kv);
  const { client } = await connect(app, { token: "token-full" });
  const names = (await client.listTools()).tools.map((t) => t.name);
  assert.ok(names.includes("xano_list_tables") && !names.includes("debug_auth"));

  const dbs = await client.callTool({ name: "xano_list_databases", arguments: {} });
  assert.deepEqual((dbs.structuredContent as Structured).workspaces, [{
    id: 1,
    name: "Demo",
    description: "Demo workspace",
  }]);
  const schema = await client.callTool({
    name: "xano_get_table_schema",
    arguments: { workspace_id: 1, table_id: 2 },
  });
  assert.match(JSON.stringify(schema.content), /price:decimal\?/);
  const analysis = await client.callTool({
    name: "analyze_workspace",
    arguments: { workspace_id: 1 },
  });
  assert.deepEqual((analysis.structuredContent as Structured).problems, []);
  for (
    const name of ["xano_list_instances", "xano_get_workspace_details", "xano_get_table_details"]
  ) {
    const result = await client.callTool({
      name,
      arguments: { workspace_id: 1, table_id: 1, instance_name: "x1" },
    });
    assert.equal(result.isError, undefined, `${name}: ${JSON.stringify(result.content)}`);
  }
  await client.close();
  await sessions.closeAll();
});

Deno.test("xano tools: lists page with opaque cursors and reject a forged cursor", async () => {
  using kv = await memoryKv();
  const { app, sessions } = product(kv, memoryXano(7));
  const { client } = await connect(app, { token: "token-full" });
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const result = await client.callTool({
      name: "xano_list_tables",
      arguments: { workspace_id: 1, limit: 4, cursor },
    });
    const structured = result.structuredContent as {
      tables: { name: string }[];
      next_cursor: string | null;
    };
    seen.push(...structured.tables.map((t) => t.name));
    cursor = structured.next_cursor ?? undefined;
  } while (cursor);
  assert.equal(seen.length, 10);
  const forged = await client.callTool({
    name: "xano_list_tables",
    arguments: { workspace_id: 1, cursor: "bm9wZQ" },
  });
  assert.equal(forged.isError, true);
  await client.close();
  await sessions.closeAll();
});

Deno.test("xano tools: a pinned workspace is used by default and others are refused", async () => {
  using kv = await memoryKv();
  const { app, sessions } = product(kv);
  const { client } = await connect(app, { token: "token-pinned" });
  const ok = await client.callTool({ name: "xano_list_tables", arguments: {} });
  assert.equal(ok.isError, undefined);
  const other = await client.callTool({ name: "xano_list_tables", arguments: { workspace_id: 9 } });
  assert.equal(other.isError, true);
  assert.match(JSON.stringify(other.content), /pinned to workspace 1/);
  await client.close();
  await sessions.closeAll();
});

Deno.test("xano tools: upstream not-found becomes an error result with the client's next step", async () => {
  using kv = await memoryKv();
  const { app, sessions } = product(kv);
  const { client } = await connect(app, { token: "token-full" });
  const result = await client.callTool({
    name: "xano_get_table_schema",
    arguments: { workspace_id: 1, table_id: 99 },
  });
  assert.equal(result.isError, true);
  assert.match(
    JSON.stringify(result.content),
    /Table 99 does not exist\\nNext step: Call xano_list_tables/,
  );
  await client.close();
  await sessions.closeAll();
});

Deno.test("xano tools: create, change and (confirmed) delete a table", async () => {
  using kv = await memoryKv();
  const { app, sessions, xano } = product(kv);
  const { client } = await connect(app, { token: "token-full" });
  const created = await client.callTool({
    name: "xano_create_table",
    arguments: { workspace_id: 1, name: "notes" },
  });
  const id = (created.structuredContent as { table_id: number }).table_id;
  await client.callTool({
    name: "xano_add_field_to_schema",
    arguments: { workspace_id: 1, table_id: id, name: "body", type: "text" },
  });
  await client.callTool({
    name: "xano_rename_schema_field",
    arguments: { workspace_id: 1, table_id: id, old_name: "body", new_name: "text" },
  });
  assert.ok(xano.tables.get(id)!.fields.some((f) => f.name === "text"));
  const enumWithout = await client.callTool({
    name: "xano_add_field_to_schema",
    arguments: { workspace_id: 1, table_id: id, name: "s", type: "enum" },
  });
  assert.equal(enumWithout.isError, true);

  const preview = await client.callTool({
    name: "xano_delete_table",
    arguments: { workspace_id: 1, table_id: id },
  });
  assert.match(JSON.stringify(preview.content), /Delete table \d+ \(\\"notes\\"\)/);
  assert.ok(xano.tables.has(id));
  const token = errorMeta(preview).confirmation_token as string;
  const done = await client.callTool({
    name: "xano_delete_table",
    arguments: { workspace_id: 1, table_id: id, confirmation_token: token },
  });
  assert.equal(done.isError, undefined);
  assert.equal(xano.tables.has(id), false);
  await client.close();
  await sessions.closeAll();
});

Deno.test("xano resources and prompts: quick reference within budget, schema resource, prompts", async () => {
  assert.ok(estimateTokens(QUICK_REFERENCE) <= QUICK_REFERENCE_BUDGET);
  using kv = await memoryKv();
  const { app, sessions } = product(kv);
  const { client } = await connect(app, { token: "token-full" });
  const ref = await client.readResource({ uri: "xano://docs/quick-reference" });
  assert.match(JSON.stringify(ref.contents), /XanoScript shape/);
  const schema = await client.readResource({ uri: "xano://workspace/1/schema" });
  assert.match(
    JSON.stringify(schema.contents),
    /products \(2\): id:int, created_at:timestamp, name:text/,
  );
  const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
  assert.deepEqual(prompts, ["design_table", "build_crud_api", "fix_failed_deploy"]);
  const prompt = await client.getPrompt({ name: "build_crud_api", arguments: { table: "orders" } });
  assert.match(
    prompt.messages[0].content.type === "text" ? prompt.messages[0].content.text : "",
    /"orders" table/,
  );
  const completion = await client.complete({
    ref: { type: "ref/prompt", name: "design_table" },
    argument: { name: "auth", value: "y" },
  });
  assert.deepEqual(completion.completion.values, ["yes"]);
  await client.close();
  await sessions.closeAll();
});
