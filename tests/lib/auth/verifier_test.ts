import assert from "node:assert/strict";
import { createAuthServer } from "../../../lib/auth/server.ts";
import type { GrantContext } from "../../../lib/auth/types.ts";
import { createTokenVerifier } from "../../../lib/auth/verifier.ts";
import { manualClock, sequentialIds } from "../../../lib/clock.ts";
import { memoryKv, testConfig } from "../../_helpers.ts";

const KEY = "xmcp_ak_" + "a".repeat(40);

function countingKeys(grant: GrantContext | null) {
  let reads = 0;
  return {
    apiKeys: {
      verify: () => {
        reads++;
        return Promise.resolve(grant);
      },
    },
    reads: () => reads,
  };
}

/** A caching verifier over API keys that `verify` answers (OAuth tokens never verify). */
function cachingVerifier(
  verify: () => Promise<GrantContext | null>,
  clock: ReturnType<typeof manualClock>,
  cacheMs: number,
) {
  return createTokenVerifier({
    tokens: { verify: () => Promise.resolve(null) },
    apiKeys: { verify },
    clock,
    cacheMs,
  });
}

const grant = (expiresAt?: number): GrantContext => ({
  userId: "u-1",
  grantId: "k-1",
  clientId: "api-key:k-1",
  scopes: ["xano:read"],
  readOnly: true,
  ...(expiresAt === undefined ? {} : { expiresAt }),
});

Deno.test("token verifier: a verified key is remembered for cacheMs, then read again", async () => {
  const clock = manualClock(1_000);
  const keys = countingKeys(grant());
  const verifier = cachingVerifier(keys.apiKeys.verify, clock, 1_000);
  for (let i = 0; i < 5; i++) assert.equal((await verifier.verify(KEY))?.userId, "u-1");
  assert.equal(keys.reads(), 1);
  clock.advance(1_000);
  await verifier.verify(KEY);
  assert.equal(keys.reads(), 2);
  verifier.forget();
  await verifier.verify(KEY);
  assert.equal(keys.reads(), 3, "forget() drops what was remembered");
});

Deno.test("token verifier: never remembers a token past its expiry, nor a refusal", async () => {
  const clock = manualClock(1_000);
  const expiring = countingKeys(grant(1_200));
  const verifier = cachingVerifier(expiring.apiKeys.verify, clock, 10_000);
  await verifier.verify(KEY);
  clock.advance(200);
  await verifier.verify(KEY);
  assert.equal(expiring.reads(), 2, "re-read at the token's own expiry");

  const refusing = countingKeys(null);
  const strict = cachingVerifier(refusing.apiKeys.verify, clock, 10_000);
  await strict.verify(KEY);
  await strict.verify(KEY);
  assert.equal(refusing.reads(), 2);
});

Deno.test("token verifier: revoking an API key or a grant in the auth server applies at once despite the cache", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const auth = createAuthServer({
    kv,
    clock,
    ids: sequentialIds("x"),
    fetch: () => Promise.reject(new Error("offline")),
    config: testConfig({ AUTH_CACHE_TTL: "1h" }),
    resolveHost: () => Promise.resolve([]),
  });
  const { key, apiKey } = await auth.apiKeys.create("u-1", {
    name: "laptop",
    scopes: ["xano:read"],
    expiresInDays: 30,
  });
  assert.equal((await auth.verifier.verify(key))?.grantId, apiKey.id);
  await auth.apiKeys.revoke("u-1", apiKey.id);
  assert.equal(await auth.verifier.verify(key), null);
});

Deno.test("token verifier: a burst of requests with a new token reads KV once", async () => {
  const keys = countingKeys(grant());
  const verifier = cachingVerifier(keys.apiKeys.verify, manualClock(), 1_000);
  const grants = await Promise.all(Array.from({ length: 20 }, () => verifier.verify(KEY)));
  assert.ok(grants.every((g) => g?.userId === "u-1"));
  assert.equal(keys.reads(), 1);
});

Deno.test("token verifier: a stale entry answers once more while KV is read again; a revocation elsewhere shows on the next request", async () => {
  const clock = manualClock(1_000);
  let current: GrantContext | null = grant();
  let reads = 0;
  const verifier = cachingVerifier(() => (reads++, Promise.resolve(current)), clock, 1_000);
  await verifier.verify(KEY);
  current = null; // another process revokes the key
  clock.advance(1_500); // stale, but within one more cacheMs
  assert.equal((await verifier.verify(KEY))?.userId, "u-1", "answered from the stale entry");
  assert.equal(reads, 2, "while KV was read again");
  await new Promise((resolve) => setTimeout(resolve, 0)); // the background read lands
  assert.equal(await verifier.verify(KEY), null, "the re-read revocation applies next");

  current = grant();
  await verifier.verify(KEY);
  clock.advance(2_000); // two cacheMs: too old to answer with
  current = null;
  assert.equal(await verifier.verify(KEY), null, "read before answering");
});
