/**
 * Prometheus metrics for the whole app, on `prom-client` with a private
 * registry per app instance (no global default registry, so tests and several
 * apps in one process never share counters). Labels are bounded: routes are
 * Hono route patterns, never raw paths; tools are tool names; hosts are Xano
 * hosts the operator configured or users connected.
 *
 * @example
 * ```ts
 * const metrics = createMetrics();
 * metrics.toolCalls.inc({ tool: "xano_list_tables", outcome: "ok" });
 * const text = await metrics.render();
 * ```
 * @module
 */

import { getHeapSpaceStatistics } from "node:v8";
import type * as PromClient from "prom-client";
// The instruments' own modules, not the package entry: that one also loads the push gateway
// (node:http, node:https, zlib), default process metrics and cluster support, none of which
// this app uses, at a measurable cost to start-up. Types come from the package entry.
import CounterClass from "prom-client/lib/counter.js";
import GaugeClass from "prom-client/lib/gauge.js";
import HistogramClass from "prom-client/lib/histogram.js";
import RegistryClass from "prom-client/lib/registry.js";

const Counter = CounterClass as typeof PromClient.Counter;
type Counter<T extends string = string> = PromClient.Counter<T>;
const Gauge = GaugeClass as typeof PromClient.Gauge;
type Gauge<T extends string = string> = PromClient.Gauge<T>;
const Histogram = HistogramClass as typeof PromClient.Histogram;
type Histogram<T extends string = string> = PromClient.Histogram<T>;
const Registry = RegistryClass as typeof PromClient.Registry;
type Registry = PromClient.Registry;

/** Circuit-breaker states as exported by the `xano_circuit_state` gauge. */
export const CIRCUIT_STATE = { closed: 0, half_open: 1, open: 2 } as const;

/** Latency buckets (seconds) shared by the request and tool histograms. */
const LATENCY_BUCKETS = [
  0.0005,
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
];

/** Every instrument the app records. */
export interface Metrics {
  readonly registry: Registry;
  /** HTTP requests by route pattern, method and status. */
  readonly httpRequests: Counter<"route" | "method" | "status">;
  readonly httpDuration: Histogram<"route" | "method">;
  /** MCP tool calls by tool and outcome (`ok`, `tool_error`, `error`, `denied`). */
  readonly toolCalls: Counter<"tool" | "outcome">;
  readonly toolDuration: Histogram<"tool">;
  /** Calls to Xano by host and status class (`2xx`, `4xx`, `5xx`, `network`, `timeout`). */
  readonly upstreamRequests: Counter<"host" | "status">;
  readonly upstreamDuration: Histogram<"host">;
  /** Classified Xano failures (`auth_expired`, `rate_limited`, …). */
  readonly upstreamErrors: Counter<"category">;
  /** Circuit breaker per Xano host, see {@link CIRCUIT_STATE}. */
  readonly circuitState: Gauge<"host">;
  /** Upstream credential refreshes by outcome (`ok`, `failed`, `joined`). */
  readonly credentialRefreshes: Counter<"outcome">;
  /** Compile-cache lookups by result (`hit`, `miss`). */
  readonly compileCache: Counter<"result">;
  /** Xano read-cache lookups by result (`hit`, `miss`). */
  readonly xanoCache: Counter<"result">;
  /** MCP sessions this process currently holds. */
  readonly activeSessions: Gauge;
  /** Requests refused by a rate limit, by bucket. */
  readonly rateLimited: Counter<"bucket">;
  /** Durable commits of the hot-path group commit, by outcome (`ok`, `failed`). */
  readonly kvCommitDuration: Histogram<"outcome">;
  /** Writers (tool calls' writes) sharing one group commit. */
  readonly kvCommitWriters: Histogram;
  /** Process memory read at scrape time (`rss`, `heap_total`, `heap_used`, `external`), in bytes. */
  readonly processMemory: Gauge<"kind">;
  /** V8 heap spaces (old, new, code, large objects, …): committed and used bytes. */
  readonly heapSpaces: Gauge<"space" | "kind">;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
}

/** Creates a fresh set of instruments on a private registry. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "http_requests_total",
      help: "HTTP requests by route pattern, method and status",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency by route pattern",
      labelNames: ["route", "method"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    toolCalls: new Counter({
      name: "mcp_tool_calls_total",
      help: "MCP tool calls by tool and outcome",
      labelNames: ["tool", "outcome"],
      registers,
    }),
    toolDuration: new Histogram({
      name: "mcp_tool_call_duration_seconds",
      help: "MCP tool call latency by tool",
      labelNames: ["tool"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    upstreamRequests: new Counter({
      name: "xano_upstream_requests_total",
      help: "Requests to Xano by host and status class",
      labelNames: ["host", "status"],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: "xano_upstream_duration_seconds",
      help: "Latency of requests to Xano by host",
      labelNames: ["host"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    upstreamErrors: new Counter({
      name: "xano_upstream_errors_total",
      help: "Classified Xano failures by category",
      labelNames: ["category"],
      registers,
    }),
    circuitState: new Gauge({
      name: "xano_circuit_state",
      help: "Circuit breaker per Xano host: 0 closed, 1 half-open, 2 open",
      labelNames: ["host"],
      registers,
    }),
    credentialRefreshes: new Counter({
      name: "xano_credential_refreshes_total",
      help: "Upstream credential refreshes by outcome",
      labelNames: ["outcome"],
      registers,
    }),
    compileCache: new Counter({
      name: "compile_cache_lookups_total",
      help: "Compile cache lookups by result",
      labelNames: ["result"],
      registers,
    }),
    xanoCache: new Counter({
      name: "xano_read_cache_lookups_total",
      help: "Xano read cache lookups by result",
      labelNames: ["result"],
      registers,
    }),
    activeSessions: new Gauge({
      name: "mcp_active_sessions",
      help: "MCP sessions held by this process",
      registers,
    }),
    rateLimited: new Counter({
      name: "rate_limited_total",
      help: "Requests refused by a rate limit, by bucket",
      labelNames: ["bucket"],
      registers,
    }),
    kvCommitDuration: new Histogram({
      name: "kv_group_commit_duration_seconds",
      help: "Durable KV commits carrying tool calls' response events, audit records and counts",
      labelNames: ["outcome"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    kvCommitWriters: new Histogram({
      name: "kv_group_commit_writers",
      help: "Writes sharing one durable KV commit",
      buckets: [1, 2, 4, 8, 16, 32],
      registers,
    }),
    processMemory: new Gauge({
      name: "process_memory_bytes",
      help: "Process memory at scrape time: resident set, V8 heap total and used, external",
      labelNames: ["kind"],
      registers,
      collect() {
        const usage = Deno.memoryUsage();
        this.set({ kind: "rss" }, usage.rss);
        this.set({ kind: "heap_total" }, usage.heapTotal);
        this.set({ kind: "heap_used" }, usage.heapUsed);
        this.set({ kind: "external" }, usage.external);
      },
    }),
    heapSpaces: new Gauge({
      name: "v8_heap_space_bytes",
      help: "V8 heap spaces at scrape time: committed and used bytes of each non-empty space",
      labelNames: ["space", "kind"],
      registers,
      collect() {
        for (const space of getHeapSpaceStatistics()) {
          if (space.space_size === 0) continue;
          this.set({ space: space.space_name, kind: "committed" }, space.space_size);
          this.set({ space: space.space_name, kind: "used" }, space.space_used_size);
        }
      },
    }),
    render: () => registry.metrics(),
  };
}
