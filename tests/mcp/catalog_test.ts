import assert from "node:assert/strict";
import { CONFIRM_SCHEMA, sharedSchemaValidator, toolRegistration } from "../../mcp/catalog.ts";
import { XANO_TOOLS } from "../../mcp/tools/mod.ts";

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
