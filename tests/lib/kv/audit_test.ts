import assert from "node:assert/strict";
import { manualClock, sequentialIds } from "../../../lib/clock.ts";
import { createAuditStore, type ToolCall } from "../../../lib/kv/audit.ts";
import { createUsageStore } from "../../../lib/kv/usage.ts";
import { memoryKv } from "../../_helpers.ts";

function call(overrides: Partial<ToolCall> = {}): ToolCall {
  return {
    userId: "u-1",
    clientId: "client-a",
    clientName: "Claude",
    tool: "xano_list_tables",
    args: { workspace_id: 1 },
    ok: true,
    durationMs: 12,
    ...overrides,
  };
}

Deno.test("audit: record stores a redacted summary and bumps usage in the same commit", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 10, 20, 12));
  const audit = createAuditStore({ kv, clock, ids: sequentialIds("ev") });
  const record = await audit.record(call({
    args: {
      email: "a@b.c",
      password: "hunter2",
      headers: { Authorization: "Bearer abcdefghijkl" },
    },
    ok: false,
    error: "Xano said 401 for Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
  }));
  assert.equal(record.outcome, "error");
  assert.doesNotMatch(record.args, /hunter2|abcdefghijkl/);
  assert.match(record.args, /password:\[redacted\]/);
  assert.doesNotMatch(record.error ?? "", /eyJ/);
  const stored = await kv.get(["audit", "u-1", record.id]);
  assert.deepEqual(stored.value, record);
  const report = await createUsageStore({ kv, clock }).report("u-1", { days: 1 });
  assert.equal(report.totals.calls, 1);
  assert.equal(report.totals.errors, 1);
});

Deno.test("audit: query pages newest first and the cursor continues without overlap", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 10, 20));
  const audit = createAuditStore({ kv, clock, ids: sequentialIds("ev") });
  for (let i = 0; i < 7; i++) {
    clock.advance(1000);
    await audit.record(call({ tool: `tool_${i}` }));
  }
  const first = await audit.query("u-1", { limit: 3 });
  assert.deepEqual(first.records.map((r) => r.tool), ["tool_6", "tool_5", "tool_4"]);
  assert.ok(first.nextCursor);
  const second = await audit.query("u-1", { limit: 3, cursor: first.nextCursor });
  assert.deepEqual(second.records.map((r) => r.tool), ["tool_3", "tool_2", "tool_1"]);
  const third = await audit.query("u-1", { limit: 3, cursor: second.nextCursor });
  assert.deepEqual(third.records.map((r) => r.tool), ["tool_0"]);
  assert.equal(third.nextCursor, undefined);
});

Deno.test("audit: a full last page has no next cursor", async () => {
  using kv = await memoryKv();
  const audit = createAuditStore({ kv, clock: manualClock(), ids: sequentialIds("ev") });
  await audit.record(call());
  await audit.record(call());
  const page = await audit.query("u-1", { limit: 2 });
  assert.equal(page.records.length, 2);
  assert.equal(page.nextCursor, undefined);
});

Deno.test("audit: query filters by tool, outcome, client and time range, and isolates users", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 10, 20));
  const audit = createAuditStore({ kv, clock, ids: sequentialIds("ev") });
  const t0 = clock.now();
  await audit.record(call({ tool: "a", ok: true }));
  clock.advance(60_000);
  await audit.record(call({ tool: "b", ok: false, clientId: "client-b" }));
  clock.advance(60_000);
  await audit.record(call({ tool: "a", ok: false }));
  await audit.record(call({ userId: "u-2", tool: "a" }));

  const tools = async (q: Parameters<typeof audit.query>[1]) =>
    (await audit.query("u-1", q)).records.map((r) => `${r.tool}:${r.outcome}`);
  assert.deepEqual(await tools({ tool: "a" }), ["a:error", "a:ok"]);
  assert.deepEqual(await tools({ outcome: "error" }), ["a:error", "b:error"]);
  assert.deepEqual(await tools({ clientId: "client-b" }), ["b:error"]);
  assert.deepEqual(await tools({ from: t0 + 1, to: t0 + 120_000 }), ["b:error"]);
  assert.deepEqual((await audit.query("u-2")).records.length, 1);
});

Deno.test("audit: a sparse filter stops at the scan limit and offers the rest as a next page", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const audit = createAuditStore({ kv, clock, ids: sequentialIds("ev"), scanLimit: 3 });
  await audit.record(call({ tool: "rare" }));
  for (let i = 0; i < 5; i++) {
    clock.advance(1);
    await audit.record(call({ tool: "common" }));
  }
  const first = await audit.query("u-1", { tool: "rare" });
  assert.equal(first.records.length, 0);
  assert.ok(first.nextCursor);
  const second = await audit.query("u-1", { tool: "rare", cursor: first.nextCursor });
  assert.deepEqual(second.records.map((r) => r.tool), ["rare"]);
});

Deno.test("audit: seen lists clients and tools by latest call, and drops them after retention", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 10, 20));
  const audit = createAuditStore({ kv, clock, ids: sequentialIds("ev"), retentionMs: 86_400_000 });
  await audit.record(call({ clientId: "a", clientName: "Claude", tool: "t1" }));
  clock.advance(1000);
  await audit.record(call({ clientId: "b", clientName: "Cursor", tool: "t2" }));
  clock.advance(1000);
  await audit.record(call({ clientId: "a", clientName: "Claude", tool: "t1" }));
  assert.deepEqual((await audit.seen("u-1", "client")).map((e) => [e.id, e.name]), [
    ["a", "Claude"],
    ["b", "Cursor"],
  ]);
  assert.deepEqual((await audit.seen("u-1", "tool")).map((e) => e.id), ["t1", "t2"]);
  assert.deepEqual(await audit.seen("u-2", "tool"), []);
  clock.advance(86_400_000);
  assert.deepEqual(await audit.seen("u-1", "client"), []);
});

Deno.test("audit: a stale or forged cursor is a clear bad request", async () => {
  using kv = await memoryKv();
  const audit = createAuditStore({ kv, clock: manualClock(), ids: sequentialIds("ev") });
  await audit.record(call());
  await assert.rejects(
    () => audit.query("u-1", { cursor: "zzz" }),
    /page link is out of date/,
  );
});
