/**
 * Usage counters per user, UTC day and tool, kept as KV `sum` counters so that
 * concurrent tool calls never lose an increment. Latency is a fixed-bucket
 * histogram, so p50/p95 are read back as the upper bound of the bucket that
 * holds the percentile. {@link addUsage} adds to an atomic operation, so the
 * audit record and its counters land in one commit (see `audit.ts`).
 *
 * @example
 * ```ts
 * const usage = createUsageStore({ kv, clock });
 * const op = kv.atomic();
 * addUsage(op, { userId: "u-1", tool: "xano_list_tables", at: Date.now(), ok: true, durationMs: 42 });
 * await op.commit();
 * const report = await usage.report("u-1", { days: 7 });
 * ```
 * @module
 */

import type { KvWrites } from "./coalesce.ts";
import type { Clock } from "../clock.ts";
import { keys, prefixes } from "./keys.ts";

/** Upper bounds (ms) of the latency histogram buckets; the last bucket is open. */
export const LATENCY_BUCKETS_MS: readonly number[] = [
  5,
  10,
  25,
  50,
  100,
  250,
  500,
  1000,
  2500,
  5000,
  10000,
];

/** One tool call, as the usage counters see it. */
export interface UsageSample {
  readonly userId: string;
  readonly tool: string;
  /** Epoch ms of the call. */
  readonly at: number;
  readonly ok: boolean;
  readonly durationMs: number;
  /** Present for deploy tools: whether the deploy succeeded and whether auto-fix changed the code. */
  readonly deploy?: { readonly ok: boolean; readonly autoFixed: boolean };
}

/** Totals for one day (or a whole range). */
export interface UsageTotals {
  readonly calls: number;
  readonly errors: number;
  /** Median latency in ms (bucket upper bound); `null` without calls; `Infinity` past the last bucket. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly deploys: number;
  readonly deploysOk: number;
  readonly deploysAutoFixed: number;
}

/** One day of usage. */
export interface UsageDay extends UsageTotals {
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  /** Calls per tool on that day. */
  readonly byTool: Readonly<Record<string, number>>;
}

/** What the usage page shows for a range of days. */
export interface UsageReport {
  /** Every day of the range, oldest first, including days without calls. */
  readonly days: readonly UsageDay[];
  /** Tools seen in the range, most called first. */
  readonly tools: readonly { readonly tool: string; readonly calls: number }[];
  readonly totals: UsageTotals;
}

/** Reads usage back. */
export interface UsageStore {
  /** Usage of the last `days` UTC days, today included. */
  report(userId: string, options: { readonly days: number }): Promise<UsageReport>;
}

/** `YYYY-MM-DD` of an epoch-ms instant, in UTC. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Adds the counters of one call to `op` (commit it together with the audit record). */
export function addUsage<T extends KvWrites>(op: T, sample: UsageSample): T {
  const day = utcDay(sample.at);
  const bump = (metric: string) => op.sum(keys.usage(sample.userId, day, sample.tool, metric), 1n);
  bump("calls");
  if (!sample.ok) bump("errors");
  bump(`latency_le_${bucketOf(sample.durationMs)}`);
  if (sample.deploy) {
    bump("deploys");
    if (sample.deploy.ok) bump("deploys_ok");
    if (sample.deploy.autoFixed) bump("deploys_fixed");
  }
  return op;
}

/** Creates the read side of the usage counters. */
export function createUsageStore(deps: { kv: Deno.Kv; clock: Clock }): UsageStore {
  return {
    async report(userId, { days }) {
      const count = Math.max(1, Math.min(366, Math.floor(days)));
      const today = Date.parse(`${utcDay(deps.clock.now())}T00:00:00Z`);
      const dayList = Array.from(
        { length: count },
        (_, i) => utcDay(today - (count - 1 - i) * 86_400_000),
      );
      const raw = new Map<string, Map<string, Map<string, number>>>();
      const prefix = prefixes.usageOfUser(userId);
      const selector = {
        start: [...prefix, dayList[0]!],
        end: [...prefix, `${dayList[dayList.length - 1]!}\uffff`],
      };
      for await (const entry of deps.kv.list<Deno.KvU64>(selector)) {
        const [, , day, tool, metric] = entry.key as [string, string, string, string, string];
        const byTool = raw.get(day) ?? new Map<string, Map<string, number>>();
        raw.set(day, byTool);
        const metrics = byTool.get(tool) ?? new Map<string, number>();
        byTool.set(tool, metrics);
        metrics.set(metric, Number(entry.value.value));
      }
      const toolCalls = new Map<string, number>();
      const all: Map<string, number>[] = [];
      const dayRows = dayList.map((day) => {
        const merged = new Map<string, number>();
        const byTool: Record<string, number> = {};
        for (const [tool, metrics] of raw.get(day) ?? []) {
          byTool[tool] = metrics.get("calls") ?? 0;
          toolCalls.set(tool, (toolCalls.get(tool) ?? 0) + byTool[tool]!);
          for (const [metric, value] of metrics) {
            merged.set(metric, (merged.get(metric) ?? 0) + value);
          }
        }
        all.push(merged);
        return { day, byTool, ...totalsOf(merged) };
      });
      const grand = new Map<string, number>();
      for (const metrics of all) {
        for (const [metric, value] of metrics) grand.set(metric, (grand.get(metric) ?? 0) + value);
      }
      const tools = [...toolCalls].map(([tool, calls]) => ({ tool, calls }))
        .sort((a, b) => b.calls - a.calls || a.tool.localeCompare(b.tool));
      return { days: dayRows, tools, totals: totalsOf(grand) };
    },
  };
}

function bucketOf(durationMs: number): string {
  const bound = LATENCY_BUCKETS_MS.find((b) => durationMs <= b);
  return bound === undefined ? "inf" : String(bound);
}

function totalsOf(metrics: Map<string, number>): UsageTotals {
  const calls = metrics.get("calls") ?? 0;
  return {
    calls,
    errors: metrics.get("errors") ?? 0,
    p50: percentile(metrics, 0.5),
    p95: percentile(metrics, 0.95),
    deploys: metrics.get("deploys") ?? 0,
    deploysOk: metrics.get("deploys_ok") ?? 0,
    deploysAutoFixed: metrics.get("deploys_fixed") ?? 0,
  };
}

function percentile(metrics: Map<string, number>, q: number): number | null {
  const counts = [...LATENCY_BUCKETS_MS.map(String), "inf"].map((b) =>
    metrics.get(`latency_le_${b}`) ?? 0
  );
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return LATENCY_BUCKETS_MS[i] ?? Infinity;
  }
  return Infinity;
}
