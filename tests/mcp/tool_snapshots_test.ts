/**
 * The tool contract (name, title, description, input and output JSON Schema,
 * annotations) of every tool, as clients see it on the wire, against the
 * committed snapshot. A change is a reviewed diff; to accept one run
 * `deno task snapshots:update`.
 */

import assert from "node:assert/strict";
import { silentLogger } from "../../lib/log.ts";
import { createConfirmationStore } from "../../mcp/confirmation.ts";
import { TOOLSET_IDS } from "../../mcp/inventory.ts";
import { createMcpServer } from "../../mcp/server.ts";
import { XANO_TOOLS } from "../../mcp/tools/mod.ts";
import { memoryKv } from "../_helpers.ts";
import { listedTools } from "./_harness.ts";
import { manualClock } from "../../lib/clock.ts";

const SNAPSHOT = new URL("./__snapshots__/tools.json", import.meta.url);

Deno.test("tool snapshots: every tool's wire contract matches the committed snapshot", async () => {
  using kv = await memoryKv();
  const server = createMcpServer({
    tools: XANO_TOOLS,
    deps: undefined as never,
    selection: { readOnly: false, toolsets: [...TOOLSET_IDS], debugEnabled: true },
    grantId: "snapshot",
    confirmations: createConfirmationStore({ kv, clock: manualClock() }),
    logger: silentLogger,
  });
  const tools = await listedTools(server);

  assert.equal(tools.length, XANO_TOOLS.length);
  for (const tool of tools) {
    assert.ok(
      tool.description && tool.description.length >= 40,
      `${tool.name} needs a real description`,
    );
    assert.ok(tool.outputSchema, `${tool.name} needs an output schema`);
    for (
      const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const
    ) {
      assert.equal(typeof tool.annotations?.[hint], "boolean", `${tool.name} must state ${hint}`);
    }
  }
  const actual = JSON.stringify(tools, null, 2) + "\n";
  if (Deno.args.includes("--update-snapshots")) {
    await Deno.writeTextFile(SNAPSHOT, actual);
    return;
  }
  let expected: string;
  try {
    expected = await Deno.readTextFile(SNAPSHOT);
  } catch {
    throw new Error(`No snapshot at ${SNAPSHOT.pathname}; run deno task snapshots:update`);
  }
  assert.deepEqual(
    JSON.parse(actual),
    JSON.parse(expected),
    "tool contract changed; review and run deno task snapshots:update",
  );
});
