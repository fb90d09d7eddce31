import assert from "node:assert/strict";
import { isBusy, retryOnBusy } from "../../../lib/kv/busy_retry.ts";
import { memoryKv } from "../../_helpers.ts";

Deno.test("busy retry: a commit that finds the file locked is repeated until it lands, once", async () => {
  using kv = await memoryKv();
  let failures = 2;
  const flaky = new Proxy(kv, {
    get(target, property) {
      if (property !== "atomic") return Reflect.get(target, property).bind?.(target);
      return () => {
        const op = target.atomic();
        const commit = op.commit.bind(op);
        op.commit = () =>
          failures-- > 0 ? Promise.reject(new TypeError("database is locked")) : commit();
        return op;
      };
    },
  });
  const wrapped = retryOnBusy(flaky as Deno.Kv);
  const result = await wrapped.atomic().sum(["n"], 1n).commit();
  assert.equal(result.ok, true);
  assert.equal((await wrapped.get<Deno.KvU64>(["n"])).value?.value, 1n);
  assert.equal(failures, -1);
});

Deno.test("busy retry: other errors pass through at once, and busy gives up after the attempts", async () => {
  let calls = 0;
  const fake = {
    get: () => {
      calls++;
      return Promise.reject(new TypeError("database is locked"));
    },
    set: () => Promise.reject(new RangeError("Value too large")),
  } as unknown as Deno.Kv;
  const wrapped = retryOnBusy(fake, { attempts: 3, maxDelayMs: 1 });
  await assert.rejects(() => wrapped.set(["k"], 1), RangeError);
  await assert.rejects(() => wrapped.get(["k"]), /database is locked/);
  assert.equal(calls, 3);
  assert.equal(isBusy(new Error("SQLITE_BUSY")), true);
  assert.equal(isBusy(new Error("nope")), false);
});
