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
