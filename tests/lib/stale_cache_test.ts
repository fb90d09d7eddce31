import assert from "node:assert/strict";
import { manualClock } from "../../lib/clock.ts";
import { createStaleCache } from "../../lib/stale_cache.ts";

/** A source of values that counts its reads and can be held open. */
function source(initial: string | null) {
  let value = initial;
  let reads = 0;
  let gate: Promise<void> | undefined;
  return {
    set(next: string | null) {
      value = next;
    },
    hold() {
      let open!: () => void;
      gate = new Promise((resolve) => open = resolve);
      return () => {
        gate = undefined;
        open();
      };
    },
    get reads() {
      return reads;
    },
    async load(_key: string): Promise<string | null> {
      reads++;
      const seen = value;
      await gate;
      return seen;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("stale cache: answers fresh values without reading, a stale one once more while it reads again, then waits", async () => {
  const clock = manualClock(0);
  const src = source("v1");
  const cache = createStaleCache({ clock, freshMs: 1_000, load: src.load });
  assert.equal(await cache.get("k"), "v1");
  assert.equal(await cache.get("k"), "v1");
  assert.equal(src.reads, 1);

  src.set("v2");
  clock.advance(1_500); // stale, within one more freshMs
  assert.equal(await cache.get("k"), "v1", "the stale value answers");
  assert.equal(src.reads, 2, "while the value is read again");
  await settle();
  assert.equal(await cache.get("k"), "v2");
  assert.equal(src.reads, 2);

  src.set("v3");
  clock.advance(2_000); // past both windows
  assert.equal(await cache.get("k"), "v3", "too old: read before answering");
  assert.equal(src.reads, 3);
});

Deno.test("stale cache: concurrent gets of one key share one read", async () => {
  const src = source("v");
  const cache = createStaleCache({ clock: manualClock(0), freshMs: 1_000, load: src.load });
  const values = await Promise.all(Array.from({ length: 10 }, () => cache.get("k")));
  assert.ok(values.every((value) => value === "v"));
  assert.equal(src.reads, 1);
});

Deno.test("stale cache: forget drops a key, or all, and a read under way is not kept", async () => {
  const clock = manualClock(0);
  const src = source("old");
  const cache = createStaleCache({ clock, freshMs: 1_000, load: src.load });
  await cache.get("a");
  await cache.get("b");
  cache.forget("a");
  await cache.get("a");
  await cache.get("b");
  assert.equal(src.reads, 3, "only a was read again");

  cache.forget();
  const release = src.hold();
  const reading = cache.get("a");
  cache.forget("a"); // a write lands while the read is under way
  src.set("new");
  release();
  assert.equal(await reading, "old", "the caller gets what was read");
  assert.equal(await cache.get("a"), "new", "but it was not kept");
});

Deno.test("stale cache: keeps neither refused values nor anything past its expiry; freshMs 0 keeps nothing", async () => {
  const clock = manualClock(0);
  const nothing = source(null);
  const refusals = createStaleCache({ clock, freshMs: 1_000, load: nothing.load });
  await refusals.get("k");
  await refusals.get("k");
  assert.equal(nothing.reads, 2, "null is not kept by default");

  const expiring = source("token");
  const limited = createStaleCache({
    clock,
    freshMs: 10_000,
    load: expiring.load,
    expiresAt: () => 300,
  });
  await limited.get("k");
  clock.advance(299);
  await limited.get("k");
  assert.equal(expiring.reads, 1);
  clock.advance(1); // at the expiry: neither fresh nor stale
  await limited.get("k");
  assert.equal(expiring.reads, 2);

  const uncached = source("v");
  const off = createStaleCache({ clock, freshMs: 0, load: uncached.load });
  await off.get("k");
  await off.get("k");
  assert.equal(uncached.reads, 2);

  const choosy = source("draft");
  const kept = createStaleCache({
    clock,
    freshMs: 1_000,
    load: choosy.load,
    keep: (value) => value === "final",
  });
  await kept.get("k");
  await kept.get("k");
  assert.equal(choosy.reads, 2, "keep said no");
});

Deno.test("stale cache: a failed background read drops the stale value; the next get reads and sees the failure", async () => {
  const clock = manualClock(0);
  let fail = false;
  let reads = 0;
  const cache = createStaleCache({
    clock,
    freshMs: 1_000,
    load: () => {
      reads++;
      return fail ? Promise.reject(new Error("kv down")) : Promise.resolve("v");
    },
  });
  await cache.get("k");
  fail = true;
  clock.advance(1_500);
  assert.equal(await cache.get("k"), "v");
  await settle();
  await assert.rejects(cache.get("k"), /kv down/);
  assert.equal(reads, 3);
});

Deno.test("stale cache: past maxEntries the least recently loaded entry goes; args reach the read, not the key", async () => {
  const clock = manualClock(0);
  const seen: string[] = [];
  const cache = createStaleCache<string, string, [secret: string]>({
    clock,
    freshMs: 1_000,
    maxEntries: 2,
    load: (key, secret) => {
      seen.push(`${key}:${secret}`);
      return Promise.resolve(key.toUpperCase());
    },
  });
  await cache.get("a", "s1");
  await cache.get("b", "s2");
  await cache.get("c", "s3");
  await cache.get("b", "s2");
  await cache.get("a", "s1");
  assert.deepEqual(seen, ["a:s1", "b:s2", "c:s3", "a:s1"], "a was dropped for c; b stayed");
});
