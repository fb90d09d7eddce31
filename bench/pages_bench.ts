/**
 * Server time of every dashboard page: a signed-in request through the whole
 * app (session lookup, store reads, Preact SSR) against in-memory KV seeded
 * with 30 days of tool calls. `deno task bench` runs it as Deno.bench;
 * `deno run -A bench/pages_bench.ts` prints p50/p95 per page and the island
 * bundle size, the numbers in bench/RESULTS.md.
 */

import { harness } from "../tests/routes/_client.ts";

const PAGES = [
  "/",
  "/dashboard",
  "/dashboard/connections",
  "/dashboard/api-keys",
  "/dashboard/usage?range=30d",
  "/dashboard/events",
  "/dashboard/events.csv",
  "/dashboard/playground",
  "/dashboard/docs",
] as const;

const TOOLS = [
  "xano_list_tables",
  "xano_get_table_schema",
  "xano_browse_table_content",
  "deploy_sdk_code",
];

const kv = await Deno.openKv(":memory:");
const h = await harness(kv);
const now = h.clock.now();
for (let i = 0; i < 2000; i++) {
  const tool = TOOLS[i % TOOLS.length]!;
  await h.audit.record({
    at: now - Math.floor((i / 2000) * 30 * 86_400_000),
    userId: h.userId,
    clientId: i % 3 ? "client-claude" : "client-cursor",
    clientName: i % 3 ? "Claude" : "Cursor",
    tool,
    args: { workspace_id: 1, table_id: i % 17, password: "never-shown" },
    ok: i % 13 !== 0,
    durationMs: 5 + (i * 37) % 900,
    ...(tool === "deploy_sdk_code" ? { deploy: { ok: i % 7 !== 0, autoFixed: i % 3 === 0 } } : {}),
  });
}
for (const name of ["CI deploys", "Inspector", "Nightly export"]) {
  await h.post("/dashboard/api-keys", { csrf: h.csrf, name, scopes: "xano:read", expiry: "90d" });
}

async function fetchPage(path: string): Promise<void> {
  const res = await h.get(path);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  await res.arrayBuffer();
}

for (const path of PAGES) {
  Deno.bench({
    name: `page ${path}`,
    group: "pages",
    async fn() {
      await fetchPage(path);
    },
  });
}

async function measure(path: string, runs: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await fetchPage(path);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fetchPage(path);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)]!, p95: times[Math.floor(runs * 0.95)]! };
}

async function gzipSize(file: URL): Promise<{ raw: number; gzip: number }> {
  const bytes = await Deno.readFile(file);
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return { raw: bytes.length, gzip: (await new Response(stream).arrayBuffer()).byteLength };
}

if (import.meta.main) {
  const runs = Number(Deno.args[0] ?? 300);
  console.log(`| page | p50 (ms) | p95 (ms) |\n|---|---:|---:|`);
  for (const path of PAGES) {
    const { p50, p95 } = await measure(path, runs);
    console.log(`| \`${path}\` | ${p50.toFixed(2)} | ${p95.toFixed(2)} |`);
  }
  const dir = new URL("../static/islands/", import.meta.url);
  console.log(`\n| file | minified (B) | gzip (B) |\n|---|---:|---:|`);
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".js")) continue;
    const size = await gzipSize(new URL(entry.name, dir));
    console.log(`| \`islands/${entry.name}\` | ${size.raw} | ${size.gzip} |`);
  }
  const css = await gzipSize(new URL("../static/app.css", import.meta.url));
  console.log(`| \`app.css\` | ${css.raw} | ${css.gzip} |`);
  kv.close();
}
