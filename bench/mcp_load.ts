/**
 * Load script: 50 concurrent MCP sessions (SDK clients over real HTTP on a
 * loopback port) each calling a read tool repeatedly; reports p50/p95/p99 and
 * throughput, and the size of list-tool outputs against the raw Xano JSON for
 * the same data. Writes bench/results/mcp_load[_memory|_no_cache].{json,md}.
 *
 * Run: `deno task bench:mcp [--sessions 50] [--calls 40] [--memory | --no-cache]`
 *
 * Behind the tools is the real stack: the Xano client (resilience, read cache)
 * talking in process to the local Xano sandbox (`lib/sandbox`). `--memory`
 * swaps in the in-memory double from tests/mcp to measure the MCP layer alone.
 */

import { Hono } from "hono";
import { systemClock } from "../lib/clock.ts";
import { loadConfig } from "../lib/config.ts";
import { silentLogger } from "../lib/log.ts";
import { createMcpRoutes } from "../mcp/routes.ts";
import { createSealer } from "../lib/crypto.ts";
import { createSandbox } from "../lib/sandbox/mod.ts";
import { createXanoRuntime } from "../lib/xano/mod.ts";
import type { XanoApi } from "../mcp/tools/_shared.ts";
import { grant, mapVerifier } from "../tests/mcp/_harness.ts";
import { memoryXano } from "../tests/mcp/_memory_xano.ts";
import { numberOption } from "./_args.ts";
import { connectClient } from "./_client.ts";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Xano-shaped table objects, as the Metadata API lists them. */
function rawTables(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    created_at: 1_700_000_000_000 + i,
    updated_at: 1_700_000_500_000 + i,
    name: `table_${i}`,
    description: `Stores the ${i}th kind of thing for the demo app`,
    docs: "",
    guid: crypto.randomUUID(),
    auth: false,
    tag: ["demo"],
  }));
}

const LOAD_AT_START = Deno.loadavg().map((n) => Math.round(n * 10) / 10);
const SESSIONS = numberOption("sessions", 50);
const CALLS = numberOption("calls", 40);
const MEMORY = Deno.args.includes("--memory");
const NO_CACHE = Deno.args.includes("--no-cache");
const kv = await Deno.openKv(":memory:");
const tables = rawTables(30);
let xanoApi: XanoApi;
let workspaceId = 1;
let backend: string;
if (MEMORY) {
  const xano = memoryXano(27);
  xano.listTables = (_ws, options = {}) => {
    const perPage = options.perPage ?? 50;
    const page = options.page ?? 1;
    const items = tables.slice((page - 1) * perPage, page * perPage);
    return Promise.resolve({ items, page, nextPage: null, total: tables.length });
  };
  xanoApi = xano;
  backend = "in-memory Xano double (MCP layer only)";
} else {
  const sandbox = createSandbox({ clock: systemClock });
  const runtime = createXanoRuntime({
    kv,
    sealer: await createSealer(crypto.getRandomValues(new Uint8Array(32))),
    clock: systemClock,
    fetch: (request) => sandbox.fetch(request),
    ...(NO_CACHE ? { cacheTtlMs: 1 } : {}),
  });
  await runtime.credentials.put("bench-user", {
    kind: "token",
    metaUrl: sandbox.urls("http://sandbox.local").meta,
    metaToken: await sandbox.issueToken(),
    obtainedAt: Date.now(),
  });
  xanoApi = runtime.clientFor("bench-user");
  workspaceId = Number((await xanoApi.listWorkspaces()).items[0].id);
  for (let i = 0; i < 27; i++) {
    await xanoApi.createTable(workspaceId, {
      name: `table_${i}`,
      description: `Stores the ${i}th kind of thing`,
    });
  }
  backend = `Xano client (resilience${
    NO_CACHE ? ", read cache off" : " + 10 s read cache"
  }) -> local Xano sandbox (30 tables), in process`;
}
const config = loadConfig(new Map([["APP_ENV", "test"]]));
const { app: mcp, sessions } = createMcpRoutes({
  config,
  kv,
  clock: systemClock,
  logger: silentLogger,
  verifier: mapVerifier({ "bench-token": grant({ userId: "bench-user", workspaceId }) }),
  xanoFor: () => Promise.resolve(xanoApi),
});
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  new Hono().route("/", mcp).fetch,
);
const url = new URL(`http://127.0.0.1:${server.addr.port}/mcp`);

const clients = await Promise.all(
  Array.from({ length: SESSIONS }, () => connectClient(url, "bench-token")),
);

// warm-up
await Promise.all(clients.map((c) => c.callTool({ name: "xano_list_tables", arguments: {} })));

const latencies: number[] = [];
const started = performance.now();
await Promise.all(clients.map(async (client) => {
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    const result = await client.callTool({ name: "xano_list_tables", arguments: {} });
    latencies.push(performance.now() - t);
    if (result.isError) throw new Error(JSON.stringify(result.content));
  }
}));
const elapsed = performance.now() - started;
latencies.sort((a, b) => a - b);

const single: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await clients[0].callTool({ name: "xano_list_tables", arguments: {} });
  single.push(performance.now() - t);
}
single.sort((a, b) => a - b);

const sample = await clients[0].callTool({ name: "xano_list_tables", arguments: {} });
const ourText = (sample.content as { text: string }[])[0].text;
const ourStructured = JSON.stringify(sample.structuredContent);
const rawPage = await xanoApi.listTables(workspaceId, { page: 1, perPage: 50 });
const raw = JSON.stringify({
  items: rawPage.items,
  curPage: rawPage.page,
  nextPage: rawPage.nextPage,
  itemsTotal: rawPage.total,
});
const itemCount = rawPage.items.length;

await Promise.all(clients.map((c) => c.close()));
await sessions.closeAll();
await server.shutdown();
kv.close();

const round = (n: number) => Math.round(n * 100) / 100;
const result = {
  date: new Date().toISOString(),
  deno: Deno.version.deno,
  cpus: navigator.hardwareConcurrency,
  loadAverageAtStart: LOAD_AT_START,
  sessions: SESSIONS,
  callsPerSession: CALLS,
  tool: "xano_list_tables",
  backend,
  latencyMs: {
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1)!),
  },
  callsPerSecond: Math.round((latencies.length / elapsed) * 1000),
  singleSessionMs: { p50: round(percentile(single, 50)), p99: round(percentile(single, 99)) },
  outputBytes: {
    items: itemCount,
    rawXanoJson: raw.length,
    toolText: ourText.length,
    toolStructuredContent: ourStructured.length,
  },
};
const md = `# MCP load: ${result.sessions} concurrent sessions

Measured ${result.date} with Deno ${result.deno} on ${result.cpus} CPUs (load average at start
${result.loadAverageAtStart.join(" / ")}: the machine was shared) by \`deno task bench:mcp\`.
Each of ${result.sessions} SDK clients (own session, streamable HTTP over loopback, bearer token)
calls \`${result.tool}\` ${result.callsPerSession} times. Backend: ${result.backend}.

| metric | value |
| --- | --- |
| p50 | ${result.latencyMs.p50} ms |
| p95 | ${result.latencyMs.p95} ms |
| p99 | ${result.latencyMs.p99} ms |
| max | ${result.latencyMs.max} ms |
| throughput | ${result.callsPerSecond} calls/s |
| one session alone, p50 / p99 | ${result.singleSessionMs.p50} / ${result.singleSessionMs.p99} ms |

Clients and server share one process and its 2 CPUs, so under load most of the latency is
queueing: 50 calls in flight at ${result.callsPerSecond} calls/s.

## Output size of \`xano_list_tables\` against the raw Xano JSON (same ${result.outputBytes.items} tables)

| form | bytes |
| --- | --- |
| raw Metadata API JSON | ${result.outputBytes.rawXanoJson} |
| tool text (what a model reads) | ${result.outputBytes.toolText} |
| tool structuredContent | ${result.outputBytes.toolStructuredContent} |
`;
await Deno.writeTextFile(
  new URL(
    `./results/mcp_load${MEMORY ? "_memory" : NO_CACHE ? "_no_cache" : ""}.json`,
    import.meta.url,
  ),
  JSON.stringify(result, null, 2) + "\n",
);
await Deno.writeTextFile(
  new URL(
    `./results/mcp_load${MEMORY ? "_memory" : NO_CACHE ? "_no_cache" : ""}.md`,
    import.meta.url,
  ),
  md,
);
console.log(md);
