import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { createGroupCommit } from "../../../lib/kv/group_commit.ts";
import { keys } from "../../../lib/kv/keys.ts";
import { createShardedRateLimiter } from "../../../lib/kv/rate_limit_shards.ts";
import type { RateLimitHit } from "../../../lib/kv/rate_limits.ts";
import { memoryKv } from "../../_helpers.ts";

const rule = { limit: 5, windowMs: 60_000 };
const hit = (subject = "t1"): RateLimitHit[] => [{ bucket: "mcp_token", subject, rule }];

Deno.test("sharded rate limit: one process allows exactly the limit and refuses the rest uncounted", async () => {
  using kv = await memoryKv();
  const clock = manualClock(1_000_000);
  const refused: string[] = [];
  const writes = createGroupCommit(kv);
  const limiter = createShardedRateLimiter({
    kv,
    clock,
    writes,
    process: "p1",
    onRefused: (bucket) => refused.push(bucket),
  });
  const allowed = [];
  for (let i = 0; i < 7; i++) allowed.push((await limiter.hitAll(hit()))[0]);
  assert.deepEqual(allowed.map((r) => r.allowed), [true, true, true, true, true, false, false]);
  assert.deepEqual(allowed.slice(0, 5).map((r) => r.remaining), [4, 3, 2, 1, 0]);
  assert.ok(allowed[5].retryAfterMs > 0 && allowed[5].retryAfterMs <= 60_000);
  assert.deepEqual(refused, ["mcp_token", "mcp_token"]);
  assert.equal((await limiter.hitAll(hit("t2")))[0].allowed, true, "other subjects are apart");
  await writes.drain();
  const window = Math.floor(clock.now() / rule.windowMs);
  const shard = await kv.get<Deno.KvU64>(keys.rateLimitShard("mcp_token", "t1", window, "p1"));
  assert.equal(shard.value?.value, 5n, "refused hits are not published");
});

Deno.test("sharded rate limit: two processes share one budget once they have re-read each other's shards", async () => {
  using kv = await memoryKv();
  const clock = manualClock(1_000_000);
  const writes = createGroupCommit(kv);
  const a = createShardedRateLimiter({ kv, clock, writes, process: "a", refreshMs: 100 });
  const b = createShardedRateLimiter({ kv, clock, writes, process: "b", refreshMs: 100 });
  for (let i = 0; i < 3; i++) assert.equal((await a.hitAll(hit()))[0].allowed, true);
  await writes.drain();
  clock.advance(100);
  const fromB = [];
  for (let i = 0; i < 3; i++) fromB.push((await b.hitAll(hit()))[0].allowed);
  assert.deepEqual(fromB, [true, true, false], "b sees a's 3 hits: 2 left of 5");
  await writes.drain();
  clock.advance(100);
  assert.equal((await a.hitAll(hit()))[0].allowed, false, "a sees b's 2 hits");
});

Deno.test("sharded rate limit: the previous window still weighs on the next one, then fades", async () => {
  using kv = await memoryKv();
  const clock = manualClock(60_000 * 100);
  const limiter = createShardedRateLimiter({
    kv,
    clock,
    writes: createGroupCommit(kv),
    process: "p",
  });
  for (let i = 0; i < 5; i++) assert.equal((await limiter.hitAll(hit()))[0].allowed, true);
  clock.advance(60_000 + 6_000); // 10% into the next window: 5 × 0.9 = 4.5 still count
  assert.equal((await limiter.hitAll(hit()))[0].allowed, false);
  clock.advance(30_000); // 60% in: 5 × 0.4 = 2 count, so 3 more fit
  const results = [];
  for (let i = 0; i < 4; i++) results.push((await limiter.hitAll(hit()))[0].allowed);
  assert.deepEqual(results, [true, true, true, false]);
});

Deno.test("sharded rate limit: hitAll stops at the first refusal, and invalid rules are refused loudly", async () => {
  using kv = await memoryKv();
  const clock = manualClock(1_000_000);
  const limiter = createShardedRateLimiter({
    kv,
    clock,
    writes: createGroupCommit(kv),
    process: "p",
  });
  const both: RateLimitHit[] = [
    { bucket: "mcp_ip", subject: "1.2.3.4", rule: { limit: 1, windowMs: 60_000 } },
    { bucket: "mcp_token", subject: "t", rule },
  ];
  assert.deepEqual((await limiter.hitAll(both)).map((r) => r.allowed), [true, true]);
  assert.deepEqual((await limiter.hitAll(both)).map((r) => r.allowed), [false]);
  await assert.rejects(
    () => limiter.hitAll([{ bucket: "x", subject: "y", rule: { limit: 0, windowMs: 1 } }]),
    /Invalid rate limit for "x"/,
  );
});

Deno.test("sharded rate limit: a burst over many subjects is published in writes of at most 200 shards", async () => {
  using kv = await memoryKv();
  const clock = manualClock(1_000_000);
  const writes = createGroupCommit(kv);
  const limiter = createShardedRateLimiter({ kv, clock, writes, process: "p" });
  await Promise.all(
    Array.from({ length: 450 }, (_, i) => limiter.hitAll(hit(`ip-${i}`))),
  );
  await writes.drain();
  const shards = await Array.fromAsync(kv.list({ prefix: ["rate_limit_shards", "mcp_token"] }));
  assert.equal(shards.length, 450);
});
