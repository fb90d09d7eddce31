/**
 * Cold start: spawns `deno run --allow-all main.ts` N times (each on a fresh KV
 * file prepared the way sign-in leaves it, the embedded sandbox as Xano,
 * `LOG_LEVEL=warn`) and times, from the spawn, (1) listening (the first
 * `/health/live` answer, polled every 2 ms), (2) the MCP `initialize` answered
 * through an SDK client with an API key, and (3) the first `tools/call
 * xano_list_tables` answer (session in KV, Xano call through the sandbox,
 * audit commit). Reports min / median / p90 of each, so one noisy sample on a
 * shared machine decides nothing. Also times `deno run` of an empty module, the
 * floor no app can beat.
 *
 * Results are kept per label in bench/results/cold_start.{json,md} (a run with
 * an existing label replaces it), so a "before" and an "after" sit side by side.
 *
 * With `--baseline DIR` a second checkout (e.g. an export of main) is measured in
 * the same run, alternating spawn by spawn, so both see the same machine load.
 *
 * Run: `deno task bench:cold [--runs 15] [--label after] [--root DIR] [--flag F]...
 * [--baseline DIR] [--baseline-label before] [--baseline-flag F]...`
 * (`--root`: the checkout to measure, default this one; `--flag`: an extra `deno run`
 * flag, repeatable; `--baseline-flag` alone compares flags on the same checkout)
 */

import { ENCRYPTION_KEY, freePort, prepareKv } from "../tests/reliability/_process.ts";
import { numberOption, option, options } from "./_args.ts";
import { connectClient } from "./_client.ts";

const RUNS = numberOption("runs", 15);
const LABEL = option("label") ?? "current";
const ROOT = option("root") ?? new URL("../", import.meta.url).pathname;
const BASELINE = option("baseline");
const BASELINE_LABEL = option("baseline-label") ?? "baseline";
const FLAGS = options("flag");
const BASELINE_FLAGS = options("baseline-flag");
const TOOL = { name: "xano_list_tables", arguments: {} };
const RESULTS = new URL("./results/", import.meta.url);

interface Sample {
  listening: number;
  initialized: number;
  firstAnswer: number;
}

interface Stats {
  min: number;
  median: number;
  p90: number;
  max: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2
    ? sorted[Math.floor(mid)]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    min: round(sorted[0]!),
    median: round(median),
    p90: round(at(0.9)),
    max: round(sorted.at(-1)!),
  };
}

async function waitLive(
  port: number,
  child: Deno.ChildProcess,
  exited: () => boolean,
): Promise<void> {
  const deadline = performance.now() + 20_000;
  while (performance.now() < deadline) {
    if (exited()) {
      throw new Error(`main.ts exited before listening (status ${(await child.status).code})`);
    }
    const live = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => null);
    await live?.body?.cancel();
    if (live?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error("main.ts did not listen within 20 s");
}

async function once(root: string, flags: readonly string[]): Promise<Sample> {
  const dir = await Deno.makeTempDir({ prefix: "xmcp-cold-" });
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { key } = await prepareKv(dir, origin);
  const spawnedAt = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", ...flags, "main.ts"],
    cwd: root,
    env: {
      APP_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      KV_PATH: `${dir}/kv.sqlite3`,
      DATA_DIR: dir,
      ENCRYPTION_KEY,
      LOG_LEVEL: "warn",
      NO_COLOR: "1",
    },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let exited = false;
  const status = child.status.then(() => exited = true);
  const stderr = new Response(child.stderr).text();
  try {
    await waitLive(port, child, () => exited);
    const listening = performance.now() - spawnedAt;
    const client = await connectClient(`${origin}/mcp`, key, "cold-start-bench");
    const initialized = performance.now() - spawnedAt;
    const result = await client.callTool(TOOL);
    const firstAnswer = performance.now() - spawnedAt;
    if (result.isError) throw new Error(`tool call failed: ${JSON.stringify(result.content)}`);
    await client.close();
    return { listening, initialized, firstAnswer };
  } catch (error) {
    if (!exited) child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${await stderr}`);
  } finally {
    if (!exited) child.kill("SIGKILL");
    await status;
    await stderr.catch(() => "");
    await Deno.remove(dir, { recursive: true });
  }
}

async function emptyModule(): Promise<number> {
  const file = await Deno.makeTempFile({ suffix: ".ts" });
  await Deno.writeTextFile(file, "export {};\n");
  try {
    const t = performance.now();
    await new Deno.Command(Deno.execPath(), { args: ["run", file], stdout: "null" }).output();
    return performance.now() - t;
  } finally {
    await Deno.remove(file);
  }
}

const targets = [{ label: LABEL, root: ROOT, flags: FLAGS }];
if (BASELINE || BASELINE_FLAGS.length) {
  targets.push({ label: BASELINE_LABEL, root: BASELINE ?? ROOT, flags: BASELINE_FLAGS });
}
// One unmeasured run each warms the OS page cache and Deno's caches, as any real restart finds them.
for (const target of targets) await once(target.root, target.flags);
const samples = new Map<string, Sample[]>(targets.map((t) => [t.label, []]));
const floor: number[] = [];
for (let i = 0; i < RUNS; i++) {
  for (const target of targets) {
    const sample = await once(target.root, target.flags);
    samples.get(target.label)!.push(sample);
    const shown = Object.entries(sample).map(([k, v]) => [k, round(v)]);
    console.log(JSON.stringify({ label: target.label, ...Object.fromEntries(shown) }));
  }
  if (i < 10) floor.push(await emptyModule());
}

const loadAverage = Deno.loadavg().map(round);
const measured = targets.map(({ label, flags }) => {
  const runs = samples.get(label)!;
  return {
    label,
    measuredAt: new Date().toISOString(),
    deno: Deno.version.deno,
    cpus: navigator.hardwareConcurrency,
    loadAverage,
    runs: RUNS,
    flags,
    interleavedWith: targets.find((t) => t.label !== label)?.label,
    listening: stats(runs.map((s) => s.listening)),
    initialized: stats(runs.map((s) => s.initialized)),
    firstAnswer: stats(runs.map((s) => s.firstAnswer)),
    emptyDenoRun: stats(floor),
  };
});
for (const entry of measured) console.log(JSON.stringify(entry));
type Entry = (typeof measured)[number];

const jsonFile = new URL("cold_start.json", RESULTS);
const previous: { entries: Entry[] } = await Deno.readTextFile(jsonFile)
  .then((text) => JSON.parse(text))
  .catch(() => ({ entries: [] }));
const labels = new Set(measured.map((e) => e.label));
const entries = [...previous.entries.filter((e) => !labels.has(e.label)), ...measured];
await Deno.writeTextFile(jsonFile, JSON.stringify({ entries }, null, 2) + "\n");

const cell = (s: Stats) => `${s.min} / **${s.median}** / ${s.p90}`;
const md = [
  "# Cold start to the first MCP answer",
  "",
  "`deno task bench:cold`: spawn `deno run --allow-all main.ts` (fresh KV file holding a user, a sealed",
  "Xano credential and an API key; the embedded sandbox as Xano; `LOG_LEVEL=warn`) → `/health/live`",
  "answers → SDK client `initialize` with the API key → first `tools/call xano_list_tables` answered.",
  "Times from the spawn, in ms, as min / **median** / p90 over the runs (one warm-up run not counted).",
  'The machine has 2 cores shared with other jobs: compare rows measured in the same run ("interleaved',
  'with": the two checkouts were spawned alternately, under the same load).',
  "Target (issue #7): first answer < 300 ms.",
  "",
  "| label | measured (UTC) | interleaved with | runs | load avg | listening | initialize | first tool answer | empty `deno run` |",
  "| --- | --- | --- | ---: | --- | --- | --- | --- | --- |",
  ...entries.map((e) =>
    `| ${e.label}${e.flags.length ? ` (\`${e.flags.join(" ")}\`)` : ""} | ${
      e.measuredAt.slice(0, 16).replace("T", " ")
    } | ${e.interleavedWith ?? ""} | ${e.runs} | ${e.loadAverage.join(" ")} | ${
      cell(e.listening)
    } | ${cell(e.initialized)} | ${cell(e.firstAnswer)} | ${cell(e.emptyDenoRun)} |`
  ),
  "",
];
await Deno.writeTextFile(new URL("cold_start.md", RESULTS), md.join("\n"));
Deno.exit(0);
