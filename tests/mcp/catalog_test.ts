import assert from "node:assert/strict";
import { z } from "zod";
import {
  CONFIRM_SCHEMA,
  sharedSchemaValidator,
  toolDefinition,
  toolIndex,
  toolRegistration,
} from "../../mcp/catalog.ts";
import { McpServer } from "../../mcp/sdk.ts";
import { XANO_TOOLS } from "../../mcp/tools/mod.ts";
import { listedTools } from "./_harness.ts";

Deno.test("catalog: a tool's registration is built once and shared", () => {
  for (const tool of XANO_TOOLS) {
    const first = toolRegistration(tool);
    assert.equal(toolRegistration(tool), first);
    assert.ok(Object.isFrozen(first));
    assert.equal(first.annotations.title, tool.title);
    const keys = Object.keys(first.inputSchema.shape);
    assert.equal(
      keys.includes("confirmation_token"),
      tool.annotations.destructiveHint,
      `${tool.name}: confirmation_token only on destructive tools`,
    );
    assert.deepEqual(Object.keys(first.outputSchema.shape), Object.keys(tool.output));
  }
});

Deno.test("catalog: the shared validator compiles a schema once and checks answers", () => {
  const check = sharedSchemaValidator.getValidator(CONFIRM_SCHEMA);
  assert.equal(sharedSchemaValidator.getValidator(CONFIRM_SCHEMA), check);
  assert.equal(check({ confirm: true }).valid, true);
  const bad = check({ confirm: "yes" });
  assert.equal(bad.valid, false);
  assert.match(bad.errorMessage ?? "", /boolean/);
  const other = sharedSchemaValidator.getValidator({ type: "object", required: ["name"] });
  assert.notEqual(other, check);
  assert.equal(other({}).valid, false);
});

Deno.test("catalog: a tool's definition is what the SDK's own server lists for it, built once", async () => {
  const server = new McpServer({ name: "reference", version: "1" });
  for (const tool of XANO_TOOLS) {
    server.registerTool(
      tool.name,
      toolRegistration(tool),
      () => Promise.reject(new Error("unused")),
    );
  }
  const tools = await listedTools(server);
  const onTheWire = (value: unknown) => JSON.parse(JSON.stringify(value));
  assert.deepEqual(onTheWire(XANO_TOOLS.map(toolDefinition)), onTheWire(tools));
  for (const tool of XANO_TOOLS) assert.equal(toolDefinition(tool), toolDefinition(tool));
});

Deno.test("catalog: the index finds a list's tools by name, built once per list", () => {
  const index = toolIndex(XANO_TOOLS);
  assert.equal(toolIndex(XANO_TOOLS), index);
  assert.equal(index.size, XANO_TOOLS.length);
  for (const tool of XANO_TOOLS) assert.equal(index.get(tool.name), tool);
  assert.equal(toolIndex(XANO_TOOLS.slice(0, 1)).size, 1);
});

Deno.test("catalog: a schema's Standard JSON Schema is converted once per direction and target, as zod converts it", async () => {
  for (const tool of XANO_TOOLS.slice(0, 8)) {
    const { outputSchema } = toolRegistration(tool);
    const standard = outputSchema["~standard"];
    for (const io of ["input", "output"] as const) {
      for (const target of ["draft-2020-12", "draft-07"] as const) {
        const first = standard.jsonSchema[io]({ target });
        assert.equal(standard.jsonSchema[io]({ target }), first, `${tool.name} ${io} ${target}`);
        assert.ok(Object.isFrozen(first));
        assert.deepEqual(first, z.toJSONSchema(z.object(tool.output), { target, io }));
      }
    }
    // Validation is still zod's own.
    assert.ok((await standard.validate("not an object")).issues?.length);
  }
});
