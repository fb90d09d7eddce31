import assert from "node:assert/strict";
import { TOOLSETS } from "../../mcp/inventory.ts";
import { toolDocs, toolsetDescriptions } from "../../mcp/tool_docs.ts";
import { XANO_TOOLS } from "../../mcp/tools/mod.ts";

Deno.test("tool docs: every tool is documented with its hints and an input schema, in toolset order", () => {
  const docs = toolDocs(XANO_TOOLS);
  assert.equal(docs.length, XANO_TOOLS.length);
  const order = TOOLSETS.map((set) => set.id as string);
  const positions = docs.map((doc) => order.indexOf(doc.toolset));
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
  for (const doc of docs) {
    const tool = XANO_TOOLS.find((t) => t.name === doc.name)!;
    assert.equal(doc.readOnly, tool.annotations.readOnlyHint, doc.name);
    assert.equal(doc.destructive, tool.annotations.destructiveHint, doc.name);
    assert.equal(doc.inputSchema?.type, "object", doc.name);
  }
  const details = docs.find((doc) => doc.name === "xano_get_table_details")!;
  assert.ok("table_id" in (details.inputSchema!.properties as Record<string, unknown>));
  assert.equal(
    toolsetDescriptions().records,
    TOOLSETS.find((s) => s.id === "records")!.description,
  );
});
