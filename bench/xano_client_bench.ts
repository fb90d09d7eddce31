/**
 * Client overhead per call against the in-process sandbox: the same request
 * sent raw through `sandbox.fetch` and through the Xano client (bulkhead,
 * retry, breaker, timeout, URL building, zod validation, paging
 * normalisation). The difference is what the client adds.
 *
 * `deno bench --allow-all bench/xano_client_bench.ts` runs the benches;
 * `deno run --allow-all bench/xano_client_bench.ts` prints p50/p99 of each
 * and of the overhead as a markdown table (the source of bench/RESULTS.md).
 *
 * @module
 */

import { systemClock } from "../lib/clock.ts";
import { createSandbox } from "../lib/sandbox/mod.ts";
import { createXanoClient } from "../lib/xano/client.ts";
import { createXanoResilience } from "../lib/xano/resilience.ts";
import { signInWithPassword } from "../lib/xano/sign_in.ts";

const sandbox = createSandbox({ clock: systemClock });
const urls = sandbox.urls("http://sandbox.bench");
const { credential } = await signInWithPassword({ fetch: sandbox.fetch, clock: systemClock }, {
  authUrl: urls.auth,
  metaUrl: urls.meta,
  email: "demo@example.com",
  password: "demo1234",
});
const xano = createXanoClient({
  fetch: sandbox.fetch,
  credentials: credential,
  resilience: createXanoResilience({ bulkheadQueue: 10_000 }),
});
const workspace = (await xano.listWorkspaces()).items[0]!.id;
const users = (await xano.listTables(workspace)).items.find((t) => t.name === "users")!.id;

/** The raw equivalent of `xano.browseRecords(workspace, users, { perPage: 20 })`. */
async function rawBrowse(): Promise<unknown> {
  const response = await sandbox.fetch(
    new Request(`${urls.meta}/workspace/${workspace}/table/${users}/content?per_page=20`, {
      headers: { authorization: `Bearer ${credential.metaToken}`, accept: "application/json" },
    }),
  );
  return JSON.parse(await response.text());
}

/** The raw equivalent of `xano.getSchema(workspace, users)` without the cache. */
async function rawSchema(): Promise<unknown> {
  const response = await sandbox.fetch(
    new Request(`${urls.meta}/workspace/${workspace}/table/${users}/schema`, {
      headers: { authorization: `Bearer ${credential.metaToken}`, accept: "application/json" },
    }),
  );
  return JSON.parse(await response.text());
}

const cases: Record<string, () => Promise<unknown>> = {
  "raw sandbox.fetch: browse 20 records": rawBrowse,
  "client: browseRecords (20 records)": () => xano.browseRecords(workspace, users, { perPage: 20 }),
  "raw sandbox.fetch: table schema": rawSchema,
  "client: getSchema (cache hit)": () => xano.getSchema(workspace, users),
};

for (const [name, fn] of Object.entries(cases)) {
  Deno.bench({
    name,
    group: name.includes("schema") || name.includes("getSchema") ? "schema" : "browse",
    baseline: name.startsWith("raw"),
    fn: async () => void await fn(),
  });
}

/**
 * Times `a` and `b` alternately, `runs` times each after a warm-up, so drift and
 * GC pauses hit both alike; returns their sorted durations in ms.
 */
async function pair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs: number,
): Promise<[number[], number[]]> {
  for (let i = 0; i < 200; i++) await a(), await b();
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const started = performance.now();
      await fn();
      times[k]!.push(performance.now() - started);
    }
  }
  return [times[0].sort((x, y) => x - y), times[1].sort((x, y) => x - y)];
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

if (import.meta.main) {
  const runs = Number(Deno.args[0] ?? 3000);
  const rows: string[] = [];
  const [raw, client] = await pair(rawBrowse, cases["client: browseRecords (20 records)"]!, runs);
  const [rawS, cached] = await pair(rawSchema, cases["client: getSchema (cache hit)"]!, runs);
  // The client alone: the same call over a fetch that answers a fixed body at once.
  const body = JSON.stringify(await rawBrowse());
  const instant = (_request: Request) =>
    Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } }));
  const bare = createXanoClient({ fetch: instant, credentials: credential });
  const [instantRaw, instantClient] = await pair(
    async () => JSON.parse(await (await instant(new Request(urls.meta))).text()),
    () => bare.browseRecords(workspace, users, { perPage: 20 }),
    runs,
  );
  const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  const row = (label: string, times: readonly number[]) =>
    `| ${label} | ${fmt(quantile(times, 0.5))} | ${fmt(quantile(times, 0.99))} |`;
  const diff = (label: string, a: readonly number[], b: readonly number[]) =>
    `| **${label}** | **${fmt(quantile(a, 0.5) - quantile(b, 0.5))}** | **${
      fmt(quantile(a, 0.99) - quantile(b, 0.99))
    }** |`;
  rows.push("| call | p50 | p99 |", "|---|---|---|");
  rows.push(row("raw sandbox.fetch, browse 20 records", raw));
  rows.push(row("client.browseRecords over the sandbox, 20 records", client));
  rows.push(diff("client overhead per call, sandbox (difference)", client, raw));
  rows.push(row("instant fetch + JSON.parse, same body", instantRaw));
  rows.push(row("client.browseRecords over the instant fetch", instantClient));
  rows.push(diff("client overhead per call, isolated (difference)", instantClient, instantRaw));
  rows.push(row("raw sandbox.fetch, table schema", rawS));
  rows.push(row("client.getSchema, cache hit", cached));
  console.log(
    `${runs} calls each, ${Deno.build.os}/${Deno.build.arch}, Deno ${Deno.version.deno}\n`,
  );
  console.log(rows.join("\n"));
  console.log(`\ncache: ${JSON.stringify(xano.stats().cache)}`);
}
