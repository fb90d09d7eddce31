import assert from "node:assert/strict";
import fc from "fast-check";
import { CoalescedMutations, keyId } from "../../../lib/kv/coalesce.ts";
import { memoryKv } from "../../_helpers.ts";

type Step =
  | { kind: "set"; key: number; value: bigint }
  | { kind: "delete"; key: number }
  | { kind: "sum" | "min" | "max"; key: number; value: bigint };

// Small values and values near 2^64, so sums wrap around as KV's do.
const u64 = fc.oneof(
  fc.bigInt({ min: 0n, max: 9n }),
  fc.bigInt({ min: 2n ** 64n - 9n, max: 2n ** 64n - 1n }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    key: fc.nat(3),
    value: u64,
  }),
  fc.record({ kind: fc.constant("delete" as const), key: fc.nat(3) }),
  fc.record({
    kind: fc.constantFrom("sum" as const, "min" as const, "max" as const),
    key: fc.nat(3),
    value: u64,
  }),
);

function play(op: Deno.AtomicOperation | CoalescedMutations, steps: readonly Step[]): void {
  for (const s of steps) {
    const key = ["k", s.key];
    if (s.kind === "set") op.set(key, new Deno.KvU64(s.value));
    else if (s.kind === "delete") op.delete(key);
    else op[s.kind](key, s.value);
  }
}

async function state(kv: Deno.Kv): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of kv.list<Deno.KvU64>({ prefix: ["k"] })) {
    out.push(`${String(entry.key[1])}=${entry.value.value}`);
  }
  return out;
}

Deno.test("coalesce: merged mutations leave KV exactly as applying each one in order", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
      using plain = await memoryKv();
      using merged = await memoryKv();
      const op = plain.atomic();
      play(op, steps);
      await op.commit();
      const writes = new CoalescedMutations();
      play(writes, steps);
      const mergedOp = merged.atomic();
      const added = writes.apply(mergedOp);
      await mergedOp.commit();
      assert.deepEqual(await state(merged), await state(plain));
      assert.equal(writes.recorded, steps.length);
      assert.ok(added <= steps.length);
    }),
    { numRuns: 150 },
  );
});

Deno.test("coalesce: ten calls' counters and last-seen records become one mutation each", () => {
  const writes = new CoalescedMutations();
  for (let i = 0; i < 10; i++) {
    writes.set(["audit", i], { i });
    writes.set(["seen", "tool"], { lastAt: i }, { expireIn: 1000 });
    writes.sum(["usage", "calls"], 1n).sum(["usage", "latency_le_5"], 1n);
  }
  const applied: string[] = [];
  const recorder = {
    set: (
      key: Deno.KvKey,
      value: unknown,
    ) => (applied.push(`set ${key} ${JSON.stringify(value)}`), recorder),
    delete: () => recorder,
    sum: (key: Deno.KvKey, n: bigint) => (applied.push(`sum ${key} ${n}`), recorder),
    min: () => recorder,
    max: () => recorder,
  };
  assert.equal(writes.recorded, 40);
  assert.equal(writes.apply(recorder as unknown as Deno.AtomicOperation), 13);
  assert.ok(applied.includes('set seen,tool {"lastAt":9}'));
  assert.ok(applied.includes("sum usage,calls 10"));
  assert.ok(applied.includes("sum usage,latency_le_5 10"));
});

Deno.test("coalesce: key ids tell apart parts of different types and strings with separators", () => {
  const ids = [
    keyId(["a", 1]),
    keyId(["a", "1"]),
    keyId(["a", 1n]),
    keyId(["a,1"]),
    keyId(['a",s"1']),
    keyId(["a", true]),
    keyId(["a", new Uint8Array([1])]),
    keyId(["a", -0]),
    keyId(["a", 0]),
  ];
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(keyId(["usage", "u", 3]), keyId(["usage", "u", 3]));
});
