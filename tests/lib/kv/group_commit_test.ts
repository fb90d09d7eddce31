import assert from "node:assert/strict";
import { createGroupCommit } from "../../../lib/kv/group_commit.ts";
import { memoryKv } from "../../_helpers.ts";

function countingCommits(kv: Deno.Kv): { kv: Deno.Kv; commits: () => number } {
  let commits = 0;
  const wrapped = new Proxy(kv, {
    get(target, property) {
      if (property === "atomic") {
        return () => {
          const op = target.atomic();
          const commit = op.commit.bind(op);
          op.commit = () => (commits++, commit());
          return op;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { kv: wrapped, commits: () => commits };
}

Deno.test("group commit: concurrent writers share commits and each sees its write durable", async () => {
  using kv = await memoryKv();
  const counted = countingCommits(kv);
  const group = createGroupCommit(counted.kv, { maxWriters: 8 });
  await Promise.all(
    Array.from(
      { length: 20 },
      (_, i) => group.commit((op) => op.set(["item", i], i).sum(["total"], 1n)),
    ),
  );
  const items = await Array.fromAsync(kv.list<number>({ prefix: ["item"] }));
  assert.equal(items.length, 20);
  assert.equal((await kv.get<Deno.KvU64>(["total"])).value?.value, 20n);
  // The first writer commits alone; the 19 queued behind it go in groups of at most 8.
  assert.equal(counted.commits(), 1 + Math.ceil(19 / 8));
});

Deno.test("group commit: a failing writer is rejected alone, the others still land", async () => {
  using kv = await memoryKv();
  const group = createGroupCommit(kv);
  const tooBig = "x".repeat(70_000); // over KV's 64 KiB value limit
  const results = await Promise.allSettled([
    group.commit((op) => op.set(["first"], 1)),
    group.commit((op) => op.set(["a"], 1)),
    group.commit((op) => op.set(["bad"], tooBig)),
    group.commit((op) => op.set(["b"], 2)),
  ]);
  assert.deepEqual(results.map((r) => r.status), [
    "fulfilled",
    "fulfilled",
    "rejected",
    "fulfilled",
  ]);
  assert.equal((await kv.get(["a"])).value, 1);
  assert.equal((await kv.get(["b"])).value, 2);
  assert.equal((await kv.get(["bad"])).versionstamp, null);
});

Deno.test("group commit: deferred writes wait for the turn to end and ride in the next awaited commit", async () => {
  using kv = await memoryKv();
  const counted = countingCommits(kv);
  const group = createGroupCommit(counted.kv);
  const audit = group.defer((op) => op.set(["audit"], 1));
  assert.equal(counted.commits(), 0, "nothing is written within the turn");
  await group.commit((op) => op.set(["event"], 1));
  // When the awaited write is durable, the deferred one queued before it is too: same commit.
  assert.equal((await kv.get(["audit"])).value, 1);
  assert.equal(counted.commits(), 1);
  await audit;

  const alone = group.defer((op) => op.set(["later"], 2));
  await alone; // with nothing else to ride on, it is committed on its own right after the turn
  assert.equal((await kv.get(["later"])).value, 2);
  assert.equal(counted.commits(), 2);
});

Deno.test("group commit: a group stays within maxBytes, a failed deferred write is reported, drain waits for all", async () => {
  using kv = await memoryKv();
  const counted = countingCommits(kv);
  const failures: unknown[] = [];
  const group = createGroupCommit(counted.kv, {
    maxBytes: 10_000,
    onDeferredError: (error) => failures.push(error),
  });
  const first = group.commit((op) => op.set(["first"], 1));
  const big = Array.from(
    { length: 4 },
    (_, i) => group.commit((op) => op.set(["big", i], "x".repeat(4_000)), { bytes: 4_000 }),
  );
  const bad = group.defer((op) => op.set(["bad"], "x".repeat(70_000)));
  await Promise.all([first, ...big]);
  await group.drain();
  await bad.catch(() => {});
  // `first` alone; [big0, big1] (a third 4 000 would pass 10 000); [big2, big3, bad] fails as a
  // whole and is retried one writer at a time, in order: 1 + 1 + 1 + 3 commits.
  assert.equal((await Array.fromAsync(kv.list({ prefix: ["big"] }))).length, 4);
  assert.equal(failures.length, 1);
  assert.equal(counted.commits(), 6);
});

Deno.test("group commit: every commit attempt is reported with its writers and outcome", async () => {
  using kv = await memoryKv();
  const seen: { writers: number; ok: boolean }[] = [];
  const group = createGroupCommit(kv, {
    onCommit: ({ writers, ms, ok }) => {
      assert.ok(ms >= 0);
      seen.push({ writers, ok });
    },
  });
  await Promise.allSettled([
    group.commit((op) => op.set(["a"], 1)),
    group.commit((op) => op.set(["b"], 1)),
    group.commit((op) => op.set(["bad"], "x".repeat(70_000))),
  ]);
  assert.deepEqual(seen, [
    { writers: 1, ok: true },
    { writers: 2, ok: false },
    { writers: 1, ok: true },
    { writers: 1, ok: false },
  ]);
});

Deno.test("group commit: writers' mutations of the same keys are merged before the commit", async () => {
  using kv = await memoryKv();
  const seen: { writers: number; mutations: number; merged: number }[] = [];
  const group = createGroupCommit(kv, {
    onCommit: ({ writers, mutations, merged }) => void seen.push({ writers, mutations, merged }),
  });
  await Promise.all(
    Array.from(
      { length: 10 },
      (_, i) =>
        group.defer((op) =>
          op.set(["audit", i], i).set(["seen"], i).sum(["calls"], 1n).sum(["latency"], 2n)
        ),
    ),
  );
  assert.deepEqual(seen, [{ writers: 10, mutations: 40, merged: 13 }]);
  assert.equal((await kv.get(["seen"])).value, 9);
  assert.equal((await kv.get<Deno.KvU64>(["calls"])).value?.value, 10n);
  assert.equal((await kv.get<Deno.KvU64>(["latency"])).value?.value, 20n);
  assert.equal((await Array.fromAsync(kv.list({ prefix: ["audit"] }))).length, 10);
});
