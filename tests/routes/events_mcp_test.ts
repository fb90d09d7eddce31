import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import { connect } from "../mcp/_harness.ts";
import { memoryXano } from "../mcp/_memory_xano.ts";
import { harness } from "./_client.ts";

Deno.test("events: MCP tool calls made with a dashboard API key appear in events, usage and last used", async () => {
  using kv = await memoryKv();
  const xano = memoryXano();
  const h = await harness(kv, {
    app: { mcp: { xanoFor: () => Promise.resolve(xano) } },
  });
  const created = await h.post("/dashboard/api-keys", {
    csrf: h.csrf,
    name: "Inspector",
    scopes: ["xano:read"],
    expiry: "7d",
  });
  const key = /id="new-key" class="mono" type="text" readonly value="([^"]+)"/.exec(
    await created.text(),
  )![1]!;

  const { client } = await connect(h.app, { token: key });
  const ok = await client.callTool({ name: "xano_list_tables", arguments: { workspace_id: 1 } });
  assert.notEqual(ok.isError, true);
  const failed = await client.callTool({
    name: "xano_get_table_details",
    arguments: { workspace_id: 1, table_id: 999 },
  });
  assert.equal(failed.isError, true);
  await client.close();

  const events = await (await h.get("/dashboard/events")).text();
  assert.match(events, /xano_list_tables/);
  assert.match(events, /xano_get_table_details/);
  assert.match(events, /API key &quot;Inspector&quot;|API key "Inspector"/);
  assert.match(events, /workspace_id:1,table_id:999/);
  assert.equal(events.match(/class="badge error"/g)?.length, 1);

  const usage = await (await h.get("/dashboard/usage")).text();
  assert.match(usage, /Tool calls<\/span><span class="stat-value">2</);
  assert.match(usage, /Error rate<\/span><span class="stat-value">50%/);

  const keys = await (await h.get("/dashboard/api-keys")).text();
  assert.doesNotMatch(keys, /<td><span class="muted">never<\/span><\/td>/, "last used is set");
});
