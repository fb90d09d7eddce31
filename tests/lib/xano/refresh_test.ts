import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { createSealer } from "../../../lib/crypto.ts";
import { keys } from "../../../lib/kv/keys.ts";
import { createXanoClient } from "../../../lib/xano/client.ts";
import { createCredentialStore } from "../../../lib/xano/credentials.ts";
import { createCredentialDebug } from "../../../lib/xano/debug.ts";
import { XanoError } from "../../../lib/xano/errors.ts";
import { createCredentialRefresher } from "../../../lib/xano/refresh.ts";
import { createXanoResilience } from "../../../lib/xano/resilience.ts";
import type { XanoCredential } from "../../../lib/xano/types.ts";
import { memoryKv } from "../../_helpers.ts";
import { fakeFetch, FAST, json } from "./_fake.ts";

/** A tiny Xano: one valid Metadata key, an auth token, and auth/me that hands out the key. */
function fakeXano() {
  const state = { metaKey: "meta-1", authToken: "auth-1", authMeCalls: 0, authMeDelayMs: 5 };
  const fake = fakeFetch(async (seen) => {
    const bearer = seen.headers.get("authorization")?.replace("Bearer ", "");
    if (seen.url.pathname === "/api:auth/auth/me") {
      state.authMeCalls++;
      await new Promise((resolve) => setTimeout(resolve, state.authMeDelayMs));
      if (bearer !== state.authToken) return json({ message: "Invalid token" }, 401);
      return json({ id: 1, name: "Ada", email: "a@b.c", api_key: state.metaKey });
    }
    if (bearer !== state.metaKey) return json({ message: "Token has expired" }, 401);
    return json([{ id: 1, name: "main" }]);
  });
  return { state, fake };
}

const ACCOUNT: XanoCredential = {
  kind: "account",
  authUrl: "https://x.test/api:auth",
  metaUrl: "https://x.test/api:meta",
  authToken: "auth-1",
  metaToken: "meta-1",
  email: "a@b.c",
  obtainedAt: 0,
};

async function setup(kv: Deno.Kv, xano = fakeXano()) {
  const clock = manualClock();
  const sealer = await createSealer(new Uint8Array(32).fill(9));
  const store = createCredentialStore({ kv, sealer, clock });
  await store.put("u-1", ACCOUNT);
  const process = () =>
    createCredentialRefresher({ kv, store, fetch: xano.fake.fetch, clock, pollMs: 2 });
  const refresher = process();
  const shared = createXanoResilience({ ...FAST, bulkheadQueue: 500 });
  // Each simulated process has its own breakers and bulkheads, as separate processes would.
  const client = (
    r = refresher,
    resilience = r === refresher ? shared : createXanoResilience(FAST),
  ) =>
    createXanoClient({ fetch: xano.fake.fetch, credentials: r.forUser("u-1"), resilience, clock });
  return { xano, store, refresher, process, client, clock };
}

Deno.test("refresh: a 401 renews the token from auth/me, persists it and retries once", async () => {
  using kv = await memoryKv();
  const { xano, store, client } = await setup(kv);
  xano.state.metaKey = "meta-2";
  const page = await client().listWorkspaces();
  assert.equal(page.items.length, 1);
  assert.equal(xano.state.authMeCalls, 1);
  assert.equal((await store.get("u-1"))?.metaToken, "meta-2");
  assert.ok((await store.status("u-1"))?.lastRefreshAt !== undefined);
});

Deno.test("refresh: 50 concurrent calls during expiry share one refresh and all succeed", async () => {
  using kv = await memoryKv();
  const { xano, refresher, client } = await setup(kv);
  xano.state.metaKey = "meta-2";
  const xanoClient = client();
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, () => xanoClient.listRequestHistory(1)),
  );
  assert.equal(results.filter((r) => r.status === "rejected").length, 0);
  assert.equal(xano.state.authMeCalls, 1);
  assert.equal(refresher.stats().upstreamCalls, 1);
});

Deno.test("refresh: two processes sharing KV make one auth/me call between them", async () => {
  using kv = await memoryKv();
  const { xano, process, client } = await setup(kv);
  xano.state.metaKey = "meta-2";
  xano.state.authMeDelayMs = 20;
  const [a, b] = [process(), process()];
  const [clientA, clientB] = [client(a), client(b)];
  const results = await Promise.allSettled([
    ...Array.from({ length: 5 }, () => clientA.listRequestHistory(1)),
    ...Array.from({ length: 5 }, () => clientB.listRequestHistory(1)),
  ]);
  assert.equal(results.filter((r) => r.status === "rejected").length, 0);
  assert.equal(xano.state.authMeCalls, 1);
  assert.equal(a.stats().waitedForLease + b.stats().waitedForLease, 1);
});

Deno.test("refresh: a rejected auth token marks needs_sign_in and says to sign in again", async () => {
  using kv = await memoryKv();
  const { xano, store, client } = await setup(kv);
  xano.state.metaKey = "meta-2";
  xano.state.authToken = "auth-2";
  const error = await client().listWorkspaces().catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "auth_expired");
  assert.match(error.nextStep, /sign in again at the dashboard/);
  assert.equal((await store.status("u-1"))?.state, "needs_sign_in");
  const again = await client().listWorkspaces().catch((e) => e);
  assert.equal(again.category, "auth_expired");
  assert.equal(xano.state.authMeCalls, 1, "no more refresh attempts once sign-in is needed");
});

Deno.test("refresh: Xano's auth API being down is upstream_down and keeps the sign-in", async () => {
  using kv = await memoryKv();
  const xano = fakeXano();
  const base = xano.fake.fetch;
  const { store, client } = await setup(kv, {
    state: xano.state,
    fake: {
      ...xano.fake,
      fetch: (request) =>
        request.url.includes("/api:auth/") ? Promise.resolve(json({}, 503)) : base(request),
    },
  });
  xano.state.metaKey = "meta-2";
  const error = await client().listWorkspaces().catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "upstream_down");
  assert.equal((await store.status("u-1"))?.state, "ok");
});

Deno.test("refresh: a pasted token cannot be renewed and needs a new one", async () => {
  using kv = await memoryKv();
  const { store, client } = await setup(kv);
  await store.put("u-1", {
    kind: "token",
    metaUrl: ACCOUNT.metaUrl,
    metaToken: "x",
    obtainedAt: 0,
  });
  const error = await client().listWorkspaces().catch((e) => e);
  assert.equal(error.category, "auth_expired");
  assert.match(error.message, /paste a new one/);
  assert.equal((await store.status("u-1"))?.state, "needs_sign_in");
  assert.equal((await kv.get(keys.credentialLease("u-1"))).value, null, "the lease is released");
});

Deno.test("debug: expire, force refresh and auth state without secrets", async () => {
  using kv = await memoryKv();
  const { xano, store, refresher, client, clock } = await setup(kv);
  const debug = createCredentialDebug({ store, refresher, clock });
  const before = await debug.authState("u-1");
  assert.equal(before.signedIn, true);
  assert.ok(!JSON.stringify(before).includes("meta-1"));
  assert.match(before.fingerprints!.meta, /^[0-9a-f]{8}$/);
  await debug.expireTokens("u-1", "meta");
  await client().listWorkspaces();
  assert.equal(xano.state.authMeCalls, 1);
  xano.state.metaKey = "meta-3";
  const after = await debug.forceRefresh("u-1");
  assert.equal(xano.state.authMeCalls, 2);
  assert.notEqual(after.fingerprints!.meta, before.fingerprints!.meta);
  await debug.expireTokens("u-1", "both");
  const error = await client().listWorkspaces().catch((e) => e);
  assert.equal(error.category, "auth_expired");
  assert.equal((await debug.authState("u-1")).signedIn, false);
});

Deno.test("refresh: a credential sealed under another key asks for a new sign-in", async () => {
  using kv = await memoryKv();
  const { xano, client } = await setup(kv);
  const other = createCredentialStore({
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(8)),
    clock: manualClock(),
  });
  await other.put("u-1", ACCOUNT);
  const error = await client().listWorkspaces().catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "auth_expired");
  assert.match(error.message, /cannot be opened/);
  assert.equal(xano.state.authMeCalls, 0);
});

Deno.test("refresh: a lease left by a crashed process is taken over once it expires", async () => {
  using kv = await memoryKv();
  const { xano, client, clock } = await setup(kv);
  xano.state.metaKey = "meta-2";
  await kv.set(keys.credentialLease("u-1"), { holder: "gone", expiresAt: clock.now() - 1 });
  await client().listWorkspaces();
  assert.equal(xano.state.authMeCalls, 1);
  assert.equal((await kv.get(keys.credentialLease("u-1"))).value, null);
});

Deno.test("refresh: a live lease held elsewhere makes this process wait, then time out plainly", async () => {
  using kv = await memoryKv();
  const { xano, store, clock } = await setup(kv);
  xano.state.metaKey = "meta-2";
  await kv.set(keys.credentialLease("u-1"), { holder: "other", expiresAt: clock.now() + 60_000 });
  const refresher = createCredentialRefresher({
    kv,
    store,
    fetch: xano.fake.fetch,
    clock,
    pollMs: 1,
    waitMs: 10,
  });
  const stale = (await store.get("u-1"))!;
  const error = await refresher.refresh("u-1", stale).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "timeout");
  assert.equal(xano.state.authMeCalls, 0);
  assert.equal(refresher.stats().waitedForLease, 1);
});

Deno.test("debug: force refresh of a healthy credential keeps the user signed in", async () => {
  using kv = await memoryKv();
  const { xano, store, refresher, clock } = await setup(kv);
  const debug = createCredentialDebug({ store, refresher, clock });
  const before = await debug.authState("u-1");
  // Xano hands back the same Metadata key: nothing was rejected, so nothing is wrong.
  const after = await debug.forceRefresh("u-1");
  assert.equal(xano.state.authMeCalls, 1);
  assert.equal(after.signedIn, true);
  assert.equal(after.fingerprints!.meta, before.fingerprints!.meta);
  assert.equal((await store.status("u-1"))?.state, "ok");
});

Deno.test("debug: force refresh of a pasted token changes nothing and keeps it usable", async () => {
  using kv = await memoryKv();
  const { store, refresher, clock } = await setup(kv);
  await store.put("u-1", {
    kind: "token",
    metaUrl: "https://x.test/api:meta",
    metaToken: "t-1",
    obtainedAt: 0,
  });
  const debug = createCredentialDebug({ store, refresher, clock });
  const after = await debug.forceRefresh("u-1");
  assert.equal(after.signedIn, true);
  assert.equal((await store.status("u-1"))?.state, "ok");
});
