import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { createSealer } from "../../../lib/crypto.ts";
import { createXanoRuntime } from "../../../lib/xano/mod.ts";
import { memoryKv } from "../../_helpers.ts";
import { fakeFetch, json, TOKEN } from "./_fake.ts";

Deno.test("mod: the runtime hands out per-user clients that share cache and counters", async () => {
  using kv = await memoryKv();
  const fake = fakeFetch(() => json([{ id: 1, name: "main" }]));
  const runtime = createXanoRuntime({
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(2)),
    clock: manualClock(),
    fetch: fake.fetch,
  });
  await runtime.credentials.put("u-1", TOKEN);
  await runtime.clientFor("u-1").listWorkspaces();
  await runtime.clientFor("u-1").listWorkspaces();
  assert.equal(fake.seen.length, 1);
  const stats = runtime.stats();
  assert.equal(stats.cache.hits, 1);
  assert.equal(stats.resilience.requests, 2);
  assert.equal(stats.refresh.upstreamCalls, 0);
  const none = await runtime.clientFor("u-2").listWorkspaces().catch((e) => e);
  assert.equal(none.category, "auth_expired");
  assert.match(none.message, /no Xano credential is stored/);
});
