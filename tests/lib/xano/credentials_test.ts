import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { createSealer } from "../../../lib/crypto.ts";
import { keys } from "../../../lib/kv/keys.ts";
import { createCredentialStore } from "../../../lib/xano/credentials.ts";
import type { XanoCredential } from "../../../lib/xano/types.ts";
import { memoryKv } from "../../_helpers.ts";

const ACCOUNT: XanoCredential = {
  kind: "account",
  authUrl: "https://x.test/api:auth",
  metaUrl: "https://x.test/api:meta",
  authToken: "auth-secret-123",
  metaToken: "meta-secret-456",
  email: "a@b.c",
  obtainedAt: 5,
};

async function setup(kv: Deno.Kv) {
  const clock = manualClock(1_000);
  const sealer = await createSealer(new Uint8Array(32).fill(3));
  return { clock, store: createCredentialStore({ kv, sealer, clock }) };
}

Deno.test("credentials: round-trips a sealed credential with no plaintext in KV", async () => {
  using kv = await memoryKv();
  const { store } = await setup(kv);
  await store.put("u-1", ACCOUNT);
  assert.deepEqual(await store.get("u-1"), ACCOUNT);
  const raw = JSON.stringify((await kv.get(keys.xanoCredential("u-1"))).value);
  assert.ok(!raw.includes("auth-secret-123") && !raw.includes("meta-secret-456"));
  assert.ok(!raw.includes("a@b.c"));
});

Deno.test("credentials: a sealed value cannot be opened as another user's", async () => {
  using kv = await memoryKv();
  const { store } = await setup(kv);
  await store.put("u-1", ACCOUNT);
  const entry = await kv.get(keys.xanoCredential("u-1"));
  await kv.set(keys.xanoCredential("u-2"), entry.value);
  await assert.rejects(store.get("u-2"), /Cannot open sealed value/);
});

Deno.test("credentials: status shows state and times without secrets", async () => {
  using kv = await memoryKv();
  const { store, clock } = await setup(kv);
  await store.put("u-1", ACCOUNT);
  assert.deepEqual(await store.status("u-1"), {
    state: "ok",
    kind: "account",
    metaHost: "x.test",
    authHost: "x.test",
    obtainedAt: 5,
    updatedAt: 1_000,
  });
  clock.advance(10);
  await store.markNeedsSignIn("u-1", "the auth token was rejected");
  const status = await store.status("u-1");
  assert.equal(status?.state, "needs_sign_in");
  assert.equal(status?.reason, "the auth token was rejected");
  assert.equal(await store.status("nobody"), null);
});

Deno.test("credentials: replace only wins against the version it read and records the refresh", async () => {
  using kv = await memoryKv();
  const { store, clock } = await setup(kv);
  await store.put("u-1", ACCOUNT);
  const entry = (await store.read("u-1"))!;
  clock.advance(50);
  const renewed = { ...ACCOUNT, metaToken: "new" };
  assert.equal(await store.replace("u-1", renewed, entry.versionstamp, { refreshed: true }), true);
  assert.equal(await store.replace("u-1", ACCOUNT, entry.versionstamp), false);
  assert.equal((await store.get("u-1"))?.metaToken, "new");
  assert.equal((await store.status("u-1"))?.lastRefreshAt, 1_050);
});

Deno.test("credentials: put after needs_sign_in makes the credential ok again; delete removes it", async () => {
  using kv = await memoryKv();
  const { store } = await setup(kv);
  await store.put("u-1", ACCOUNT);
  await store.markNeedsSignIn("u-1", "x");
  await store.put("u-1", ACCOUNT);
  assert.equal((await store.status("u-1"))?.state, "ok");
  await store.delete("u-1");
  assert.equal(await store.get("u-1"), null);
});

Deno.test("credentials: with cacheMs the call path reuses an opened copy; own writes and expiry drop it", async () => {
  using kv = await memoryKv();
  const clock = manualClock(1_000);
  const sealer = await createSealer(new Uint8Array(32).fill(3));
  const store = createCredentialStore({ kv, sealer, clock, cacheMs: 1_000 });
  await store.put("u-1", ACCOUNT);
  assert.equal(
    (await store.read("u-1", { cached: true }))?.credential.metaToken,
    "meta-secret-456",
  );
  // Another process replaces it behind this store's back: the cached copy answers for now,
  // a plain read sees KV.
  const other = createCredentialStore({ kv, sealer, clock });
  await other.put("u-1", { ...ACCOUNT, metaToken: "meta-new" });
  assert.equal(
    (await store.read("u-1", { cached: true }))?.credential.metaToken,
    "meta-secret-456",
  );
  assert.equal((await store.read("u-1"))?.credential.metaToken, "meta-new");
  clock.advance(1_000);
  assert.equal((await store.read("u-1", { cached: true }))?.credential.metaToken, "meta-new");
  // Its own writes apply at once.
  await store.put("u-1", { ...ACCOUNT, metaToken: "meta-third" });
  assert.equal((await store.read("u-1", { cached: true }))?.credential.metaToken, "meta-third");
  await store.markNeedsSignIn("u-1", "test");
  assert.equal((await store.read("u-1", { cached: true }))?.status.state, "needs_sign_in");
  await store.delete("u-1");
  assert.equal(await store.read("u-1", { cached: true }), null);
});
