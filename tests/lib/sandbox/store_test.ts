import assert from "node:assert/strict";
import { KV_BATCH, kvStore, memoryStore, type SandboxStore } from "../../../lib/sandbox/store.ts";
import { memoryKv } from "../../_helpers.ts";
import { call, testSandbox } from "./_helpers.ts";

async function exercise(store: SandboxStore): Promise<void> {
  await store.commit([
    { type: "set", key: ["rows", 1, 10], value: { id: 10 } },
    { type: "set", key: ["rows", 1, 2], value: { id: 2 } },
    { type: "set", key: ["rows", 2, 1], value: { id: 1 } },
    { type: "set", key: ["rows", 1, "x"], value: { id: "x" } },
  ]);
  assert.deepEqual(
    await store.list(["rows", 1]),
    [{ id: "x" }, { id: 2 }, { id: 10 }],
    "strings before numbers, as KV orders them",
  );
  const keys = (await store.entries(["rows", 1])).map((e) => e.key);
  assert.deepEqual(keys, [["rows", 1, "x"], ["rows", 1, 2], ["rows", 1, 10]]);
  const value = await store.get<{ id: number; extra?: boolean }>(["rows", 1, 2]);
  value!.extra = true;
  assert.deepEqual(await store.get(["rows", 1, 2]), { id: 2 }, "reads are copies");
  await store.commit([{ type: "delete", key: ["rows", 1, 2] }]);
  assert.equal(await store.get(["rows", 1, 2]), null);
  const many = Array.from({ length: KV_BATCH * 2 + 7 }, (_, i) => ({
    type: "set" as const,
    key: ["bulk", i] as const,
    value: i,
  }));
  await store.commit(many);
  assert.equal((await store.list(["bulk"])).length, KV_BATCH * 2 + 7, "large commits are batched");
  await store.clear();
  assert.deepEqual(await store.list(["rows"]), []);
  assert.deepEqual(await store.list(["bulk"]), []);
}

Deno.test("store: memory keeps KV's key order and copies values", async () => {
  await exercise(memoryStore());
});

Deno.test('store: Deno KV behaves the same, under ["sandbox", …]', async () => {
  using kv = await memoryKv();
  await kv.set(["users", "u-1"], "not the sandbox's");
  await exercise(kvStore(kv));
  assert.equal(
    (await kv.get(["users", "u-1"])).value,
    "not the sandbox's",
    "clear() keeps other keys",
  );
});

Deno.test("store: over KV, a 1,200-row bulk insert, truncate, token expiry and reset all work", async () => {
  using kv = await memoryKv();
  const { sandbox } = testSandbox({ kv });
  const token = await sandbox.issueToken();
  const items = Array.from({ length: 1_200 }, (_, i) => ({ name: `p${i}`, price: i }));
  const bulk = await call(sandbox, "POST", "/api:meta/workspace/1/table/2/content/bulk", {
    token,
    body: { items },
  });
  assert.equal(bulk.status, 200);
  assert.equal(bulk.body.length, 1_200);
  const page = await call(sandbox, "GET", "/api:meta/workspace/1/table/2/content?per_page=1", {
    token,
  });
  assert.equal(page.body.itemsTotal, 1_215);
  await call(sandbox, "DELETE", "/api:meta/workspace/1/table/2/truncate", { token, body: {} });
  const empty = await call(sandbox, "GET", "/api:meta/workspace/1/table/2/content", { token });
  assert.equal(empty.body.itemsTotal, 0);
  assert.ok(await sandbox.expireTokens() >= 1);
  assert.equal((await call(sandbox, "GET", "/api:meta/workspace", { token })).status, 401);
  await sandbox.reset();
  const fresh = await sandbox.issueToken();
  const reseeded = await call(sandbox, "GET", "/api:meta/workspace/1/table/2/content?per_page=1", {
    token: fresh,
  });
  assert.equal(reseeded.body.itemsTotal, 15);
});
