import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { addUsage, createUsageStore, utcDay } from "../../../lib/kv/usage.ts";
import { memoryKv } from "../../_helpers.ts";

Deno.test("usage: report aggregates calls per tool per day with empty days filled", async () => {
  using kv = await memoryKv();
  const now = Date.UTC(2026, 10, 20, 15);
  const clock = manualClock(now);
  const day = 86_400_000;
  const samples = [
    { tool: "list", at: now, ok: true, durationMs: 4 },
    { tool: "list", at: now, ok: false, durationMs: 30 },
    { tool: "deploy", at: now - 2 * day, ok: true, durationMs: 400 },
    { tool: "list", at: now - 10 * day, ok: true, durationMs: 1 },
  ];
  for (const s of samples) {
    await addUsage(kv.atomic(), { userId: "u-1", ...s }).commit();
  }
  const report = await createUsageStore({ kv, clock }).report("u-1", { days: 7 });
  assert.equal(report.days.length, 7);
  assert.equal(report.days[6]!.day, utcDay(now));
  assert.equal(report.days[0]!.day, utcDay(now - 6 * day));
  assert.deepEqual(report.days[6]!.byTool, { list: 2 });
  assert.deepEqual(report.days[4]!.byTool, { deploy: 1 });
  assert.equal(report.days[5]!.calls, 0);
  assert.equal(report.days[5]!.p50, null);
  assert.deepEqual(report.tools, [{ tool: "list", calls: 2 }, { tool: "deploy", calls: 1 }]);
  assert.equal(report.totals.calls, 3);
  assert.equal(report.totals.errors, 1);
});

Deno.test("usage: percentiles are the upper bound of the bucket holding the rank", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 10, 20));
  const durations = [...Array(90).fill(3), ...Array(9).fill(80), 20_000];
  for (const durationMs of durations) {
    await addUsage(kv.atomic(), { userId: "u", tool: "t", at: clock.now(), ok: true, durationMs })
      .commit();
  }
  const { totals } = await createUsageStore({ kv, clock }).report("u", { days: 1 });
  assert.equal(totals.p50, 5);
  assert.equal(totals.p95, 100);
  const one = manualClock(Date.UTC(2026, 10, 21));
  await addUsage(kv.atomic(), {
    userId: "v",
    tool: "t",
    at: one.now(),
    ok: true,
    durationMs: 20_000,
  })
    .commit();
  const slow = await createUsageStore({ kv, clock: one }).report("v", { days: 1 });
  assert.equal(slow.totals.p50, Infinity);
});

Deno.test("usage: deploy success and auto-fix counters", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 10, 20));
  const deploys = [
    { ok: true, autoFixed: true },
    { ok: true, autoFixed: false },
    { ok: false, autoFixed: true },
  ];
  for (const deploy of deploys) {
    await addUsage(kv.atomic(), {
      userId: "u",
      tool: "deploy_sdk_code",
      at: clock.now(),
      ok: deploy.ok,
      durationMs: 50,
      deploy,
    }).commit();
  }
  const { totals } = await createUsageStore({ kv, clock }).report("u", { days: 30 });
  assert.equal(totals.deploys, 3);
  assert.equal(totals.deploysOk, 2);
  assert.equal(totals.deploysAutoFixed, 2);
});

Deno.test("usage: concurrent increments are never lost", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 10, 20));
  await Promise.all(
    Array.from(
      { length: 50 },
      () =>
        addUsage(kv.atomic(), { userId: "u", tool: "t", at: clock.now(), ok: true, durationMs: 1 })
          .commit(),
    ),
  );
  const { totals } = await createUsageStore({ kv, clock }).report("u", { days: 1 });
  assert.equal(totals.calls, 50);
});
