/**
 * Load: MCP tool calls through the whole product (`main.ts` in its own process:
 * API-key auth, KV-backed rate limits and sessions, the audit record and usage
 * counters, the real Xano client against the embedded sandbox) at 1, 10, 50
 * and 200 concurrent sessions, against a bare SDK server answering the same
 * result with no auth, KV or Xano (the floor), in the same run and with the same
 * V8 flags, so memory and speed compare like with like. Also the cold
 * start to a first tool answer, server RSS per level (from /proc), and with
 * `--soak SECONDS` a soak at 50 sessions with RSS sampled every 5 s.
 * Writes bench/results/ops_load.{json,md} (`ops_load_quiet.*` with `--quiet`, `ops_load_v8.*`
 * with `--v8-flags`).
 *
 * Overhead is measured at a paced load: 50 sessions each calling every
 * `50 / --paced-rate` seconds (250 calls/s in all by default, well under
 * either server's capacity), so the latency difference to the floor is what
 * auth, KV and the audit add to a call, not queueing. At saturation (the
 * levels above) every session waits behind the others, so by Little's law
 * the latency difference there only restates the throughput ratio; it is
 * reported as well.
 *
 * Each level starts with `--warmup` untimed calls per session, so both servers are measured
 * with their code compiled (the product's path is longer, so it takes longer to warm; the
 * cold start is measured on its own). Server CPU per call (user + system time of the server
 * process from /proc, all its threads) is reported next to throughput: it does not depend on
 * how the bench's own clients share the machine's CPUs.
 *
 * Run: `deno task bench:ops [--calls 40] [--warmup 20] [--paced-rate 250] [--paced-calls 40]
 * [--soak 600] [--quiet] [--v8-flags FLAGS]` (`--quiet`: `LOG_LEVEL=warn`, no request log lines;
 * `--v8-flags`: both servers' V8 flags instead of the `start` task's, e.g. `--optimize-for-size`)
 */

import { numberOption, option, refuseUnknown } from "./_args.ts";
import { connectClient as connect } from "./_client.ts";
import { cpuMs, fileBackedMb, rssMb } from "./_proc.ts";
import {
  freePort,
  prepareKv,
  startServer,
  startTaskV8Flags,
} from "../tests/reliability/_process.ts";

refuseUnknown(["calls", "warmup", "soak", "paced-rate", "paced-calls", "v8-flags"], ["quiet"]);

const LEVELS = [1, 10, 50, 200];
const CALLS = numberOption("calls", 40);
const WARMUP = numberOption("warmup", 20);
const SOAK_S = numberOption("soak", 0);
const PACED_RATE = numberOption("paced-rate", 250);
const PACED_CALLS = numberOption("paced-calls", 40);
const PACED_SESSIONS = 50;
const TOOL = { name: "xano_list_tables", arguments: {} };
const QUIET = Deno.args.includes("--quiet");
const V8_FLAGS = option("v8-flags");
/** Both servers' V8 flags as `deno run` arguments. */
const V8_ARGS = V8_FLAGS === undefined
  ? startTaskV8Flags()
  : V8_FLAGS
  ? [`--v8-flags=${V8_FLAGS}`]
  : [];
const ENV = {
  MCP_RATE_LIMIT_IP: "1000000/1m",
  MCP_RATE_LIMIT_TOKEN: "1000000/1m",
  ...(QUIET ? { LOG_LEVEL: "warn" } : {}),
};

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number) => Math.round(n * 100) / 100;

/** The V8 heap of our server from its `/metrics`: MB committed and used, over all spaces. */
async function v8HeapMb(origin: string): Promise<{ committedMb: number; usedMb: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const sum = (kind: string) =>
    [...text.matchAll(
      new RegExp(`^v8_heap_space_bytes\\{space="[a-z_]+",kind="${kind}"\\} (\\d+)$`, "gm"),
    )]
      .reduce((total, match) => total + Number(match[1]), 0);
  return { committedMb: round(sum("committed") / 2 ** 20), usedMb: round(sum("used") / 2 ** 20) };
}

interface LevelResult {
  sessions: number;
  calls: number;
  p50: number;
  p99: number;
  callsPerSecond: number;
  /** Server CPU time per timed call (ms). */
  cpuMsPerCall: number;
  rssMb: number;
  /** The part of `rssMb` that is mapped files. */
  fileMb: number;
}

async function level(
  url: string,
  pid: number,
  sessions: number,
  key?: string,
): Promise<LevelResult> {
  const clients = await Promise.all(Array.from({ length: sessions }, () => connect(url, key)));
  await Promise.all(clients.map(async (c) => {
    for (let i = 0; i < Math.max(1, WARMUP); i++) await c.callTool(TOOL);
  }));
  const latencies: number[] = [];
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  await Promise.all(clients.map(async (client) => {
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      const result = await client.callTool(TOOL);
      latencies.push(performance.now() - t);
      if (result.isError) throw new Error(JSON.stringify(result.content));
    }
  }));
  const elapsed = performance.now() - started;
  const cpu = cpuMs(pid) - cpuBefore;
  const rss = round(rssMb(pid));
  const file = round(fileBackedMb(pid));
  await Promise.all(clients.map((c) => c.close()));
  latencies.sort((a, b) => a - b);
  return {
    sessions,
    calls: latencies.length,
    p50: round(pct(latencies, 50)),
    p99: round(pct(latencies, 99)),
    callsPerSecond: Math.round((latencies.length / elapsed) * 1000),
    cpuMsPerCall: round(cpu / latencies.length),
    rssMb: rss,
    fileMb: file,
  };
}

interface PacedResult {
  sessions: number;
  offeredPerSecond: number;
  calls: number;
  p50: number;
  p90: number;
  p99: number;
}

/** `sessions` clients, each calling every `sessions / rate` s from a random offset. */
async function paced(url: string, rate: number, key?: string): Promise<PacedResult> {
  const sessions = PACED_SESSIONS;
  const clients = await Promise.all(Array.from({ length: sessions }, () => connect(url, key)));
  await Promise.all(clients.map((c) => c.callTool(TOOL)));
  const intervalMs = (sessions / rate) * 1000;
  const latencies: number[] = [];
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  await Promise.all(clients.map(async (client) => {
    const start = performance.now() + Math.random() * intervalMs;
    for (let i = 0; i < PACED_CALLS; i++) {
      await sleep(start + i * intervalMs - performance.now());
      const t = performance.now();
      const result = await client.callTool(TOOL);
      latencies.push(performance.now() - t);
      if (result.isError) throw new Error(JSON.stringify(result.content));
    }
  }));
  await Promise.all(clients.map((c) => c.close()));
  latencies.sort((a, b) => a - b);
  return {
    sessions,
    offeredPerSecond: rate,
    calls: latencies.length,
    p50: round(pct(latencies, 50)),
    p90: round(pct(latencies, 90)),
    p99: round(pct(latencies, 99)),
  };
}

function spawnBare(payloadFile: string): { pid: number; port: Promise<number>; kill(): void } {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", ...V8_ARGS, "bench/bare_server.ts", payloadFile],
    cwd: new URL("../", import.meta.url),
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const port = (async () => {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!/listening (\d+)/.test(text)) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`bare server exited: ${text}`);
      text += chunk.value;
    }
    return Number(/listening (\d+)/.exec(text)![1]);
  })();
  return { pid: child.pid, port, kill: () => child.kill("SIGKILL") };
}

const dir = await Deno.makeTempDir({ prefix: "xmcp-bench-" });
const port = freePort();
const origin = `http://127.0.0.1:${port}`;
const { key } = await prepareKv(dir, origin);

// Cold start: spawn to the first tool answer (Deno start, module load, KV open, sandbox ready,
// HTTP listen, initialize, auth, session in KV, Xano call through the sandbox, audit commit).
const spawnedAt = performance.now();
const server = await startServer({
  dir,
  port,
  env: ENV,
  v8Flags: V8_ARGS[0]?.slice("--v8-flags=".length) ?? "",
});
const listeningMs = performance.now() - spawnedAt;
const firstClient = await connect(`${origin}/mcp`, key);
const first = await firstClient.callTool(TOOL);
const coldStartMs = performance.now() - spawnedAt;
await firstClient.close();
const pid = server.pid;

const payloadFile = `${dir}/payload.json`;
await Deno.writeTextFile(
  payloadFile,
  JSON.stringify({
    text: (first.content as { text: string }[])[0]!.text,
    structured: first.structuredContent,
  }),
);
const bare = spawnBare(payloadFile);
const bareUrl = `http://127.0.0.1:${await bare.port}/mcp`;

const rows: { sessions: number; ours: LevelResult; floor: LevelResult }[] = [];
let heapAt200: { committedMb: number; usedMb: number } | undefined;
for (const sessions of LEVELS) {
  const floor = await level(bareUrl, bare.pid, sessions);
  const ours = await level(`${origin}/mcp`, pid, sessions, key);
  if (sessions === 200) heapAt200 = await v8HeapMb(origin);
  rows.push({ sessions, ours, floor });
  console.log(JSON.stringify(rows.at(-1)));
}

const pacedFloor = await paced(bareUrl, PACED_RATE);
const pacedOurs = await paced(`${origin}/mcp`, PACED_RATE, key);
console.log(JSON.stringify({ paced: { ours: pacedOurs, floor: pacedFloor } }));

const soak: { t: number; rssMb: number; calls: number }[] = [];
if (SOAK_S > 0) {
  const clients = await Promise.all(
    Array.from({ length: 50 }, () => connect(`${origin}/mcp`, key)),
  );
  const started = performance.now();
  let calls = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      soak.push({
        t: Math.round((performance.now() - started) / 1000),
        rssMb: round(rssMb(pid)),
        calls,
      });
      await new Promise((r) => setTimeout(r, 5_000));
    }
  })();
  await Promise.all(clients.map(async (client) => {
    while (performance.now() - started < SOAK_S * 1000) {
      await client.callTool(TOOL);
      calls++;
    }
  }));
  running = false;
  await sampler;
  soak.push({
    t: Math.round((performance.now() - started) / 1000),
    rssMb: round(rssMb(pid)),
    calls,
  });
  await Promise.all(clients.map((c) => c.close()));
}

bare.kill();
await server.stop();
await Deno.remove(dir, { recursive: true });

const at50 = rows.find((r) => r.sessions === 50)!;
const at200 = rows.find((r) => r.sessions === 200)!;
const soakSecondHalf = soak.slice(Math.floor(soak.length / 2));
const result = {
  date: new Date().toISOString(),
  deno: Deno.version.deno,
  cpus: navigator.hardwareConcurrency,
  callsPerSession: CALLS,
  v8Flags: V8_ARGS.join(" ") || "none",
  warmupCallsPerSession: WARMUP,
  tool: "xano_list_tables (workspace 1 of the sandbox, 3 tables)",
  coldStart: { listeningMs: Math.round(listeningMs), firstToolAnswerMs: Math.round(coldStartMs) },
  levels: rows,
  paced: { ours: pacedOurs, floor: pacedFloor },
  targets: {
    overheadP50At50Ms: round(pacedOurs.p50 - pacedFloor.p50),
    overheadP99At50Ms: round(pacedOurs.p99 - pacedFloor.p99),
    saturatedLatencyDiffP50At50Ms: round(at50.ours.p50 - at50.floor.p50),
    saturatedLatencyDiffP99At50Ms: round(at50.ours.p99 - at50.floor.p99),
    throughputRatioAt50: round(at50.ours.callsPerSecond / at50.floor.callsPerSecond),
    cpuRatioAt50: round(at50.floor.cpuMsPerCall / at50.ours.cpuMsPerCall),
    rssAt200Mb: at200.ours.rssMb,
    v8HeapAt200: heapAt200,
  },
  soak: SOAK_S > 0
    ? {
      seconds: SOAK_S,
      samples: soak,
      rssFirstMb: soak[0]?.rssMb,
      rssMaxMb: Math.max(...soak.map((s) => s.rssMb)),
      rssSecondHalfMinMb: Math.min(...soakSecondHalf.map((s) => s.rssMb)),
      rssSecondHalfMaxMb: Math.max(...soakSecondHalf.map((s) => s.rssMb)),
      calls: soak.at(-1)?.calls,
    }
    : null,
};

const table = rows.map((r) =>
  `| ${r.sessions} | ${r.ours.p50} / ${r.ours.p99} | ${r.floor.p50} / ${r.floor.p99} | ${r.ours.callsPerSecond} | ${r.floor.callsPerSecond} | ${r.ours.cpuMsPerCall} / ${r.floor.cpuMsPerCall} | ${r.ours.rssMb} | ${r.floor.rssMb} |`
).join("\n");
const md = `# Load through the whole product vs the bare SDK floor${
  QUIET ? " (LOG_LEVEL=warn)" : ""
}

Measured ${result.date} with Deno ${result.deno} on ${result.cpus} CPUs by \`deno task bench:ops --calls ${CALLS} --warmup ${WARMUP}${
  SOAK_S ? ` --soak ${SOAK_S}` : ""
}${QUIET ? " --quiet" : ""}${
  V8_FLAGS === undefined ? "" : ` --v8-flags ${V8_FLAGS}`
}\`. Ours: \`main.ts\` in its own process (API key auth, KV rate limits, KV sessions, one audit record +
usage counters per call, the Xano client against the embedded sandbox, a JSON log line per request). Floor: the
SDK's streamable HTTP server in its own process answering the same result with no auth, KV or Xano.
Both run with ${result.v8Flags === "none" ? "V8's default flags" : `\`${result.v8Flags}\``}.
Clients: SDK clients over loopback HTTP in the bench process (sharing the machine's CPUs).

| sessions | ours p50 / p99 ms | floor p50 / p99 ms | ours calls/s | floor calls/s | server CPU ms per call, ours / floor | ours RSS MB | floor RSS MB |
| --- | --- | --- | --- | --- | --- | --- | --- |
${table}

Cold start (spawn \`deno run main.ts\` → first tool answer): ${result.coldStart.firstToolAnswerMs} ms
(listening after ${result.coldStart.listeningMs} ms).

Paced load, ${PACED_SESSIONS} sessions each calling every ${
  round((PACED_SESSIONS / PACED_RATE) * 1000)
} ms (${PACED_RATE} calls/s offered, ${pacedOurs.calls} calls each):

| server | p50 ms | p90 ms | p99 ms |
| --- | --- | --- | --- |
| ours | ${pacedOurs.p50} | ${pacedOurs.p90} | ${pacedOurs.p99} |
| floor | ${pacedFloor.p50} | ${pacedFloor.p90} | ${pacedFloor.p99} |

Our overhead per call at 50 sessions (paced, ours − floor): p50 ${result.targets.overheadP50At50Ms} ms, p99 ${result.targets.overheadP99At50Ms} ms.
Throughput at 50 saturating sessions: ${result.targets.throughputRatioAt50} × the floor; server CPU per call: the floor's is ${result.targets.cpuRatioAt50} × ours (latency difference there, which is queueing:
p50 ${result.targets.saturatedLatencyDiffP50At50Ms} ms, p99 ${result.targets.saturatedLatencyDiffP99At50Ms} ms). RSS at 200 sessions: ${result.targets.rssAt200Mb} MB (${at200.ours.fileMb} MB of it mapped files, mostly the Deno binary, the floor's ${at200.floor.fileMb} MB; V8 heap ${heapAt200?.committedMb} MB committed, ${heapAt200?.usedMb} MB used).
${
  result.soak
    ? `\nSoak: ${result.soak.seconds} s at 50 sessions, ${result.soak.calls} calls; RSS first ${result.soak.rssFirstMb} MB, max ${result.soak.rssMaxMb} MB, second half ${result.soak.rssSecondHalfMinMb}–${result.soak.rssSecondHalfMaxMb} MB.\n`
    : ""
}`;
const name = V8_FLAGS !== undefined ? "ops_load_v8" : QUIET ? "ops_load_quiet" : "ops_load";
await Deno.writeTextFile(
  new URL(`./results/${name}.json`, import.meta.url),
  JSON.stringify(result, null, 2) + "\n",
);
await Deno.writeTextFile(new URL(`./results/${name}.md`, import.meta.url), md);
console.log(md);
Deno.exit(0);
