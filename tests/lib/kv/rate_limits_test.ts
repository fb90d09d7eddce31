import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { RateLimitError } from "../../../lib/errors.ts";
import { createRateLimiter } from "../../../lib/kv/rate_limits.ts";
import { memoryKv } from "../../_helpers.ts";

Deno.test("rate limits: allows up to the limit, then refuses with a retry time", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const limiter = createRateLimiter({ kv, clock });
  const rule = { limit: 3, windowMs: 60_000 };
  for (let i = 0; i < 3; i++) assert.equal((await limiter.hit("b", "s", rule)).allowed, true);
  const refused = await limiter.hit("b", "s", rule);
  assert.equal(refused.allowed, false);
  assert.ok(refused.retryAfterMs > 0 && refused.retryAfterMs <= 60_000);
  assert.equal((await limiter.hit("b", "other", rule)).allowed, true, "subjects are independent");
  assert.equal((await limiter.hit("c", "s", rule)).allowed, true, "buckets are independent");
});

Deno.test("rate limits: the sliding window counts the previous window by weight", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const limiter = createRateLimiter({ kv, clock });
  const rule = { limit: 4, windowMs: 60_000 };
  clock.advance(59_000);
  for (let i = 0; i < 4; i++) assert.equal((await limiter.hit("b", "s", rule)).allowed, true);
  clock.advance(2_000); // just into the next window: the previous 4 still weigh ~3.9
  assert.equal((await limiter.hit("b", "s", rule)).allowed, false, "no burst across the boundary");
  clock.advance(30_000); // 31 s in: the previous 4 weigh 4 * 29/60 ≈ 1.93
  assert.equal((await limiter.hit("b", "s", rule)).allowed, true);
  assert.equal((await limiter.hit("b", "s", rule)).allowed, true);
  assert.equal((await limiter.hit("b", "s", rule)).allowed, false);
  clock.advance(60_000);
  assert.equal((await limiter.hit("b", "s", rule)).allowed, true);
});

Deno.test("rate limits: consume throws a 429 RateLimitError; reset forgets", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const limiter = createRateLimiter({ kv, clock });
  const rule = { limit: 1, windowMs: 10_000 };
  await limiter.consume("b", "s", rule);
  await assert.rejects(limiter.consume("b", "s", rule), (error: unknown) => {
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.status, 429);
    assert.ok(Number(error.headers?.["Retry-After"]) >= 1);
    return true;
  });
  await limiter.reset("b", "s", rule);
  await limiter.consume("b", "s", rule);
  await assert.rejects(limiter.hit("b", "s", { limit: 0, windowMs: 1 }), RangeError);
});

Deno.test("rate limits: concurrent hits never exceed the limit", async () => {
  using kv = await memoryKv();
  const limiter = createRateLimiter({ kv, clock: manualClock() });
  const rule = { limit: 5, windowMs: 60_000 };
  const results = await Promise.all(Array.from({ length: 20 }, () => limiter.hit("b", "s", rule)));
  assert.equal(results.filter((r) => r.allowed).length <= 5, true);
  assert.ok(results.filter((r) => r.allowed).length >= 1);
});

Deno.test("rate limits: a non-exact limit counts 200 concurrent hits without refusing any for contention", async () => {
  using kv = await memoryKv();
  const limiter = createRateLimiter({ kv, clock: manualClock() });
  const rule = { limit: 1000, windowMs: 60_000, exact: false };
  const results = await Promise.all(Array.from({ length: 200 }, () => limiter.hit("b", "s", rule)));
  assert.equal(results.filter((r) => r.allowed).length, 200);
  const after = await limiter.hit("b", "s", { limit: 201, windowMs: 60_000, exact: false });
  assert.equal(after.allowed, true);
  assert.equal((await limiter.hit("b", "s", { limit: 201, windowMs: 60_000 })).allowed, false);
});

Deno.test("rate limits: hitAll counts in order up to the first refusal, in one commit", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const refusedBuckets: string[] = [];
  const limiter = createRateLimiter({ kv, clock, onRefused: (b) => refusedBuckets.push(b) });
  const wide = { limit: 10, windowMs: 60_000, exact: false };
  const narrow = { limit: 2, windowMs: 60_000, exact: false };
  const hits = [
    { bucket: "ip", subject: "1.2.3.4", rule: wide },
    { bucket: "token", subject: "t", rule: narrow },
  ];
  for (let i = 0; i < 2; i++) {
    const results = await limiter.hitAll(hits);
    assert.deepEqual(results.map((r) => r.allowed), [true, true]);
  }
  const third = await limiter.hitAll(hits);
  assert.deepEqual(third.map((r) => r.allowed), [true, false], "stops at the refused hit");
  assert.ok(third[1].retryAfterMs > 0);
  assert.deepEqual(refusedBuckets, ["token"]);
  // The ip bucket counted 3 hits (the refused token hit is not counted): 7 more pass alone.
  for (let i = 0; i < 7; i++) {
    assert.equal((await limiter.hit("ip", "1.2.3.4", wide)).allowed, true);
  }
  assert.equal((await limiter.hit("ip", "1.2.3.4", wide)).allowed, false);
  const first = await limiter.hitAll(hits);
  assert.deepEqual(first.map((r) => r.allowed), [false], "a refused first hit ends the list");
});
