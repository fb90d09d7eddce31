import assert from "node:assert/strict";
import { manualClock, sequentialIds } from "../../../lib/clock.ts";
import { createSessionStore } from "../../../lib/kv/sessions.ts";
import { createUserStore } from "../../../lib/kv/users.ts";
import { memoryKv } from "../../_helpers.ts";

Deno.test("users: upsert creates once per identity, even when signing in concurrently", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const users = createUserStore({ kv, clock, ids: sequentialIds("u") });
  const results = await Promise.all(
    Array.from({ length: 5 }, () => users.upsert({ identity: "xano:h:1", name: "Ada" })),
  );
  assert.equal(new Set(results.map((u) => u.id)).size, 1);
  clock.advance(1000);
  const again = await users.upsert({
    identity: "xano:h:1",
    name: "Ada L.",
    email: "ada@example.com",
  });
  assert.equal(again.id, results[0].id);
  assert.equal(again.name, "Ada L.");
  assert.equal(again.lastSignInAt, clock.now());
  assert.equal((await users.findByIdentity("xano:h:1"))?.email, "ada@example.com");
  assert.equal(await users.findByIdentity("xano:h:2"), null);
});

Deno.test("sessions: stored by hash, expire on read, deleted on sign-out and for all devices", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const sessions = createSessionStore({ kv, clock, ttlMs: 60_000 });
  const { token, session } = await sessions.create("u-1");
  for await (const entry of kv.list({ prefix: ["sessions"] })) {
    assert.notEqual(entry.key[1], token, "the cookie value is not a key");
    assert.ok(!JSON.stringify(entry.value).includes(token));
  }
  assert.deepEqual(await sessions.get(token), session);
  assert.equal(await sessions.get(token + "x"), null);
  clock.advance(60_000);
  assert.equal(await sessions.get(token), null, "expired");
  const a = await sessions.create("u-1");
  const b = await sessions.create("u-1");
  const rotated = await sessions.create("u-1", { replacing: a.token });
  assert.equal(await sessions.get(a.token), null);
  assert.equal(await sessions.deleteAllOf("u-1"), 3);
  assert.equal(await sessions.get(b.token), null);
  assert.equal(await sessions.get(rotated.token), null);
});
