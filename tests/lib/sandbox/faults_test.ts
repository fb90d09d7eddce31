import assert from "node:assert/strict";
import {
  createFaultController,
  FaultSpecError,
  formatFaultSpec,
  mulberry32,
  NO_FAULTS,
  parseFaultSpec,
} from "../../../lib/sandbox/faults.ts";
import { call, metaSandbox } from "./_helpers.ts";

Deno.test("faults: the spec string parses every key", () => {
  const spec = parseFaultSpec(
    "latency=50ms, error_rate=0.1,rate_limit=0.05,drop_rate=0.02,token_ttl=60s,seed=42," +
      "error_after_write_rate=0.3,drop_after_write_rate=0.4,retry_after=3s,error_status=503",
  );
  assert.equal(spec.latencyMs, 50);
  assert.equal(spec.latencyMaxMs, 50);
  assert.equal(spec.errorRate, 0.1);
  assert.equal(spec.rateLimit, 0.05);
  assert.equal(spec.dropRate, 0.02);
  assert.equal(spec.tokenTtlMs, 60_000);
  assert.equal(spec.seed, 42);
  assert.equal(spec.errorAfterWriteRate, 0.3);
  assert.equal(spec.dropAfterWriteRate, 0.4);
  assert.equal(spec.retryAfterSeconds, 3);
  assert.equal(spec.errorStatus, 503);
  assert.deepEqual(parseFaultSpec(formatFaultSpec(spec)), spec, "format round-trips");
  assert.deepEqual(parseFaultSpec(""), NO_FAULTS);
  const range = parseFaultSpec("latency=20ms..80ms");
  assert.deepEqual([range.latencyMs, range.latencyMaxMs], [20, 80]);
});

Deno.test("faults: a bad spec names the bad part", () => {
  const cases: [string, RegExp][] = [
    ["error_rate=2", /"error_rate=2": expected a probability/],
    ["latency=fast", /"latency=fast": expected a duration/],
    ["latency=80ms..20ms", /"latency=80ms\.\.20ms"/],
    ["explode=1", /unknown fault "explode"; known: latency, drop_rate/],
    ["error_rate", /"error_rate": expected name=value/],
    ["seed=-1", /"seed=-1": expected a whole number/],
    ["error_status=418", /expected 500, 502, 503 or 504/],
    ["retry_after=10ms", /at least 1s/],
    ["token_ttl=0", /"token_ttl=0"/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseFaultSpec(text),
      (e: unknown) => e instanceof FaultSpecError && message.test(e.message),
      text,
    );
  }
});

Deno.test("faults: the same seed gives the same plans; set() restarts the sequence", () => {
  const spec = "error_rate=0.5,rate_limit=0.3,drop_rate=0.2,latency=0ms..100ms,seed=7";
  const a = createFaultController(spec);
  const b = createFaultController(spec);
  const first = Array.from({ length: 50 }, () => a.plan());
  assert.deepEqual(Array.from({ length: 50 }, () => b.plan()), first);
  assert.ok(first.some((p) => p.error) && first.some((p) => !p.error), "both outcomes occur");
  assert.ok(first.every((p) => p.latencyMs >= 0 && p.latencyMs <= 100));
  a.set(spec);
  assert.deepEqual(a.plan(), first[0]);
  const other = createFaultController(spec.replace("seed=7", "seed=8"));
  assert.notDeepEqual(Array.from({ length: 50 }, () => other.plan()), first);
  assert.notEqual(mulberry32(1)(), mulberry32(2)());
});

Deno.test("faults: latency waits before answering", async () => {
  const waits: number[] = [];
  const { meta } = await metaSandbox({
    faults: "latency=40ms",
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  assert.equal((await meta("GET", "/workspace")).status, 200);
  assert.deepEqual(waits.slice(-1), [40]);
});

Deno.test("faults: rate_limit answers 429 with Retry-After", async () => {
  const { meta, sandbox } = await metaSandbox();
  sandbox.faults.set("rate_limit=1,retry_after=7s");
  const res = await meta("GET", "/workspace");
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("retry-after"), "7");
  assert.equal(res.body.code, "ERROR_CODE_TOO_MANY_REQUESTS");
});

Deno.test("faults: error_rate fails a write before it is applied", async () => {
  const { meta, sandbox } = await metaSandbox();
  sandbox.faults.set("error_rate=1,error_status=503");
  const res = await meta("POST", "/workspace/1/table/2/content", { body: { name: "x", price: 1 } });
  assert.equal(res.status, 503);
  assert.equal(res.body.code, "ERROR_FATAL");
  sandbox.faults.clear();
  assert.equal(
    (await meta("GET", "/workspace/1/table/2/content")).body.itemsTotal,
    15,
    "not applied",
  );
});

Deno.test("faults: error_after_write_rate applies the write, then fails (the ambiguous case)", async () => {
  const { meta, sandbox } = await metaSandbox();
  sandbox.faults.set("error_after_write_rate=1");
  const read = await meta("GET", "/workspace/1/table/2/content");
  assert.equal(read.status, 200, "reads are not affected");
  const res = await meta("POST", "/workspace/1/table/2/content", { body: { name: "x", price: 1 } });
  assert.equal(res.status, 500);
  const rejected = await meta("POST", "/workspace/1/table/2/content", { body: { price: 1 } });
  assert.equal(rejected.status, 400, "a write that failed on its own keeps its own answer");
  sandbox.faults.clear();
  assert.equal(
    (await meta("GET", "/workspace/1/table/2/content")).body.itemsTotal,
    16,
    "applied once",
  );
});

Deno.test("faults: drop_rate rejects the in-process fetch like a network error, before the handler", async () => {
  const { meta, sandbox } = await metaSandbox();
  sandbox.faults.set("drop_rate=1");
  await assert.rejects(
    () => meta("POST", "/workspace/1/table/2/content", { body: { name: "x", price: 1 } }),
    TypeError,
  );
  sandbox.faults.set("drop_after_write_rate=1");
  await assert.rejects(
    () => meta("POST", "/workspace/1/table/2/content", { body: { name: "y", price: 1 } }),
    TypeError,
  );
  sandbox.faults.clear();
  const rows = await meta("POST", "/workspace/1/table/2/content/search", {
    body: { search: { "name|in": ["x", "y"] } },
  });
  assert.deepEqual(rows.body.items.map((r: { name: string }) => r.name), ["y"]);
});

Deno.test("faults: token_ttl shortens the life of tokens issued afterwards", async () => {
  const { sandbox, clock } = await metaSandbox();
  sandbox.faults.set("token_ttl=5s");
  const token = await sandbox.issueToken();
  assert.equal((await call(sandbox, "GET", "/api:meta/workspace", { token })).status, 200);
  clock.advance(5_000);
  const expired = await call(sandbox, "GET", "/api:meta/workspace", { token });
  assert.equal(expired.status, 401);
});

Deno.test("faults: a seeded spec fails the same requests on every run", async () => {
  async function run(): Promise<number[]> {
    const { meta } = await metaSandbox({ faults: "error_rate=0.3,rate_limit=0.2,seed=42" });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await meta("GET", "/workspace")).status);
    return statuses;
  }
  const first = await run();
  assert.deepEqual(await run(), first);
  assert.ok(first.includes(500) && first.includes(429) && first.includes(200));
});
