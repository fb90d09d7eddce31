import assert from "node:assert/strict";
import { createApiKeyStore } from "../../../lib/auth/api_keys.ts";
import { manualClock, sequentialIds } from "../../../lib/clock.ts";
import { createAuditStore } from "../../../lib/kv/audit.ts";
import { prefixes } from "../../../lib/kv/keys.ts";
import { createUsageStore } from "../../../lib/kv/usage.ts";
import { createMetrics } from "../../../lib/metrics.ts";
import { memoryKv, testApp, testConfig } from "../../_helpers.ts";
import { connect } from "../../mcp/_harness.ts";
import { memoryXano } from "../../mcp/_memory_xano.ts";

async function setup(kv: Deno.Kv, vars: Record<string, string> = {}) {
  const clock = manualClock(Date.UTC(2026, 10, 21, 12));
  const ids = sequentialIds("t");
  const metrics = createMetrics();
  const app = await testApp(kv, {
    clock,
    ids,
    metrics,
    config: testConfig(vars),
    mcp: { xanoFor: () => Promise.resolve(memoryXano()) },
  });
  const { key } = await createApiKeyStore({ kv, clock, ids }).create("u-1", {
    name: "laptop",
    scopes: ["xano:read", "xano:write"],
    expiresInDays: 30,
    workspaceId: 1,
  });
  const { client } = await connect(app, { token: key });
  return { app, clock, ids, metrics, client };
}

async function auditKeys(kv: Deno.Kv): Promise<Deno.KvKey[]> {
  const found: Deno.KvKey[] = [];
  for await (const entry of kv.list({ prefix: prefixes.auditOfUser("u-1") })) found.push(entry.key);
  return found;
}

Deno.test("tool calls: one call over the SDK client writes exactly one audit record, its usage counters and metrics", async () => {
  using kv = await memoryKv();
  const { app, clock, ids, metrics, client } = await setup(kv);
  const result = await client.callTool({ name: "xano_list_tables", arguments: {} });
  assert.notEqual(result.isError, true);

  assert.equal((await auditKeys(kv)).length, 1);
  const page = await createAuditStore({ kv, clock, ids }).query("u-1");
  const [record] = page.records;
  assert.equal(record!.tool, "xano_list_tables");
  assert.equal(record!.outcome, "ok");
  assert.equal(record!.clientId.startsWith("api-key:"), true);
  assert.equal(record!.clientName, 'API key "laptop"');
  assert.ok(record!.durationMs >= 0);

  const usage = await createUsageStore({ kv, clock }).report("u-1", { days: 1 });
  assert.equal(usage.totals.calls, 1);
  assert.equal(usage.totals.errors, 0);
  assert.deepEqual(usage.tools, [{ tool: "xano_list_tables", calls: 1 }]);

  const text = await metrics.render();
  assert.match(text, /mcp_tool_calls_total\{tool="xano_list_tables",outcome="ok"\} 1/);
  assert.match(text, /mcp_tool_call_duration_seconds_count\{tool="xano_list_tables"\} 1/);
  const scrape = await (await app.request("/metrics")).text();
  assert.match(scrape, /^mcp_active_sessions 1$/m);
  // The answer waited for a durable commit carrying its response event and audit record.
  const commits = Number(/^kv_group_commit_writers_count (\d+)$/m.exec(scrape)?.[1]);
  assert.ok(commits >= 1, "group commits are counted");
  assert.match(scrape, /^kv_group_commit_duration_seconds_count\{outcome="ok"\} \d+$/m);
  await client.close();
});

Deno.test("tool calls: failures are audited as errors with the message, and secrets in arguments are redacted", async () => {
  using kv = await memoryKv();
  const { clock, ids, metrics, client } = await setup(kv);
  const missing = await client.callTool({
    name: "xano_get_table_record",
    arguments: { table_id: 999, record_id: 1 },
  });
  assert.equal(missing.isError, true);
  const created = await client.callTool({
    name: "xano_create_table_record",
    arguments: { table_id: 1, data: { email: "a@example.com", password: "hunter2-secret" } },
  });
  assert.notEqual(created.isError, true, JSON.stringify(created.content));

  const { records } = await createAuditStore({ kv, clock, ids }).query("u-1");
  assert.equal(records.length, 2);
  const [write, failed] = records;
  assert.equal(failed!.outcome, "error");
  assert.ok(failed!.error && failed!.error.length > 0);
  assert.equal(write!.outcome, "ok");
  assert.doesNotMatch(JSON.stringify(write), /hunter2/);
  assert.match(write!.args, /\[redacted\]/);

  const usage = await createUsageStore({ kv, clock }).report("u-1", { days: 1 });
  assert.equal(usage.totals.calls, 2);
  assert.equal(usage.totals.errors, 1);
  assert.match(
    await metrics.render(),
    /mcp_tool_calls_total\{tool="xano_get_table_record",outcome="tool_error"\} 1/,
  );
  await client.close();
});

Deno.test("tool calls: audit records carry expiresAt from AUDIT_RETENTION and vanish from queries after it", async () => {
  using kv = await memoryKv();
  const { clock, ids, client } = await setup(kv, { AUDIT_RETENTION: "2h" });
  await client.callTool({ name: "xano_list_tables", arguments: {} });
  const audit = createAuditStore({ kv, clock, ids });
  const [record] = (await audit.query("u-1")).records;
  assert.equal(record!.expiresAt, record!.at + 2 * 3_600_000);
  clock.advance(2 * 3_600_000 + 1);
  assert.equal((await audit.query("u-1")).records.length, 0);
  await client.close();
});
