import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import {
  compileCacheKey,
  createCompileCache,
  MAX_CACHED_BYTES,
} from "../../../lib/kv/compile_cache.ts";
import { COMPILER_VERSION, compileSdkCode } from "../../../lib/xs/sdk/mod.ts";
import { memoryKv } from "../../_helpers.ts";

const CODE = "create('ping', 'GET').response({ ok: true })";

function counting() {
  let calls = 0;
  return {
    compiler: (code: string, options: { fix?: boolean }) => {
      calls++;
      return compileSdkCode(code, options);
    },
    calls: () => calls,
  };
}

Deno.test("compile cache: a second compile of the same input is a hit", async () => {
  using kv = await memoryKv();
  const c = counting();
  const cache = createCompileCache({
    kv,
    clock: manualClock(),
    ttlMs: 60_000,
    compiler: c.compiler,
  });
  const first = await cache.compile(CODE);
  const second = await cache.compile(CODE);
  assert.equal(c.calls(), 1);
  assert.deepEqual(second, first);
  assert.deepEqual(cache.stats(), { hits: 1, misses: 1, skipped: 0 });
});

Deno.test("compile cache: options are part of the key", async () => {
  using kv = await memoryKv();
  const c = counting();
  const cache = createCompileCache({
    kv,
    clock: manualClock(),
    ttlMs: 60_000,
    compiler: c.compiler,
  });
  await cache.compile(CODE, { fix: false });
  await cache.compile(CODE, { fix: true });
  await cache.compile(CODE + " ");
  assert.equal(c.calls(), 3);
  assert.deepEqual(cache.stats(), { hits: 0, misses: 3, skipped: 0 });
  assert.notDeepEqual(await compileCacheKey(CODE, { fix: true }), await compileCacheKey(CODE));
});

Deno.test("compile cache: keys carry the compiler version and a SHA-256", async () => {
  const key = await compileCacheKey(CODE);
  assert.equal(key[0], "compile_cache");
  assert.equal(key[1], COMPILER_VERSION);
  assert.match(String(key[2]), /^[0-9a-f]{64}$/);
});

Deno.test("compile cache: entries expire after the TTL, checked on read", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const c = counting();
  const cache = createCompileCache({ kv, clock, ttlMs: 60_000, compiler: c.compiler });
  await cache.compile(CODE);
  clock.advance(59_999);
  assert.notEqual(await cache.get(CODE), null);
  clock.advance(1);
  assert.equal(await cache.get(CODE), null);
  await cache.compile(CODE);
  assert.equal(c.calls(), 2);
  assert.deepEqual(cache.stats(), { hits: 0, misses: 2, skipped: 0 });
});

Deno.test("compile cache: results over 64 KiB are compiled but not stored", async () => {
  using kv = await memoryKv();
  const cache = createCompileCache({ kv, clock: manualClock(), ttlMs: 60_000 });
  const big = `create('big', 'GET').response(${JSON.stringify("x".repeat(MAX_CACHED_BYTES))})`;
  const r1 = await cache.compile(big);
  const r2 = await cache.compile(big);
  assert.equal(r1.ok, true);
  assert.equal(r2.xanoscript, r1.xanoscript);
  assert.deepEqual(cache.stats(), { hits: 0, misses: 2, skipped: 2 });
  assert.equal((await kv.get(await compileCacheKey(big))).value, null);
});

Deno.test("compile cache: failed compiles are cached too (same input, same diagnostics)", async () => {
  using kv = await memoryKv();
  const cache = createCompileCache({ kv, clock: manualClock(), ttlMs: 60_000 });
  const bad = "eval('x')";
  const r1 = await cache.compile(bad);
  const r2 = await cache.compile(bad);
  assert.equal(r1.ok, false);
  assert.deepEqual(r2.diagnostics, r1.diagnostics);
  assert.equal(cache.stats().hits, 1);
});

Deno.test("compile cache: a value KV refuses as too large is skipped, other errors surface", async () => {
  using kv = await memoryKv();
  const refusing = (message: string) =>
    Object.assign(Object.create(kv), {
      get: kv.get.bind(kv),
      set: () => Promise.reject(new TypeError(message)),
    }) as Deno.Kv;
  const tooLarge = createCompileCache({
    kv: refusing("Value too large (max 65536 bytes)"),
    clock: manualClock(),
    ttlMs: 60_000,
  });
  const r = await tooLarge.compile(CODE);
  assert.equal(r.ok, true);
  assert.deepEqual(tooLarge.stats(), { hits: 0, misses: 1, skipped: 1 });
  const broken = createCompileCache({
    kv: refusing("database is locked"),
    clock: manualClock(),
    ttlMs: 60_000,
  });
  await assert.rejects(() => broken.compile(CODE), /database is locked/);
});
