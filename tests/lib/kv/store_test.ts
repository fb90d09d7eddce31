import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { ConflictError } from "../../../lib/errors.ts";
import { keys } from "../../../lib/kv/keys.ts";
import { createWithIndexes, getLive, listValues, takeOnce } from "../../../lib/kv/store.ts";
import { memoryKv } from "../../_helpers.ts";

Deno.test("kv store: createWithIndexes writes record and index together", async () => {
  using kv = await memoryKv();
  await createWithIndexes(kv, {
    key: keys.user("u-1"),
    value: { id: "u-1" },
    indexes: [{ key: keys.userByIdentity("email:a@b.c"), value: "u-1" }],
  });
  assert.deepEqual((await kv.get(keys.user("u-1"))).value, { id: "u-1" });
  assert.equal((await kv.get(keys.userByIdentity("email:a@b.c"))).value, "u-1");
});

Deno.test("kv store: createWithIndexes writes nothing when an index already exists", async () => {
  using kv = await memoryKv();
  await kv.set(keys.userByIdentity("email:a@b.c"), "u-0");
  await assert.rejects(
    createWithIndexes(kv, {
      key: keys.user("u-1"),
      value: { id: "u-1" },
      indexes: [{ key: keys.userByIdentity("email:a@b.c"), value: "u-1" }],
    }),
    ConflictError,
  );
  assert.equal((await kv.get(keys.user("u-1"))).value, null);
  assert.equal((await kv.get(keys.userByIdentity("email:a@b.c"))).value, "u-0");
});

Deno.test("kv store: getLive hides expired records before KV sweeps them", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  await kv.set(keys.session("h"), { userId: "u", expiresAt: clock.now() + 1000 });
  assert.equal(
    (await getLive<{ userId: string; expiresAt: number }>(kv, keys.session("h"), clock)).value
      ?.userId,
    "u",
  );
  clock.advance(1000);
  assert.equal((await getLive(kv, keys.session("h"), clock)).value, null);
});

Deno.test("kv store: takeOnce gives a value to exactly one of many concurrent callers", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  await kv.set(keys.authCode("c"), { grant: "g", expiresAt: clock.now() + 60_000 });
  const results = await Promise.all(
    Array.from({ length: 20 }, () => takeOnce(kv, keys.authCode("c"), clock)),
  );
  assert.equal(results.filter((r) => r !== null).length, 1);
  assert.equal((await kv.get(keys.authCode("c"))).value, null);
});

Deno.test("kv store: takeOnce returns null for an expired record and deletes it", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  await kv.set(keys.authCode("c"), { expiresAt: clock.now() + 10 });
  clock.advance(11);
  assert.equal(await takeOnce(kv, keys.authCode("c"), clock), null);
  assert.equal((await kv.get(keys.authCode("c"))).value, null);
});

Deno.test("kv store: listValues returns records under a prefix in key order", async () => {
  using kv = await memoryKv();
  await kv.set(keys.apiKey("u", "k2"), "two");
  await kv.set(keys.apiKey("u", "k1"), "one");
  await kv.set(keys.apiKey("v", "k1"), "other");
  assert.deepEqual(await listValues(kv, ["api_keys", "u"]), ["one", "two"]);
});
