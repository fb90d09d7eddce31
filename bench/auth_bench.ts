/**
 * `deno bench bench/auth_bench.ts`: the cost the authorization server adds per
 * request: verifying a bearer on every `/mcp` call (OAuth access token, API
 * key), a rate-limit hit, and the token endpoint's work per exchange and refresh.
 * KV is in memory, so these measure our code plus KV's local engine.
 */

import { createApiKeyStore } from "../lib/auth/api_keys.ts";
import { createTokenService } from "../lib/auth/tokens.ts";
import { createTokenVerifier } from "../lib/auth/verifier.ts";
import { randomId, systemClock } from "../lib/clock.ts";
import { pkceChallengeS256, randomToken } from "../lib/crypto.ts";
import { createRateLimiter } from "../lib/kv/rate_limits.ts";

const kv = await Deno.openKv(":memory:");
const resource = "http://127.0.0.1:8000/mcp";
const tokens = createTokenService({ kv, clock: systemClock, ids: randomId, resource });
const apiKeys = createApiKeyStore({ kv, clock: systemClock, ids: randomId });
const verifier = createTokenVerifier({ tokens, apiKeys });
const limiter = createRateLimiter({ kv, clock: systemClock });

const codeVerifier = randomToken(48);
const challenge = await pkceChallengeS256(codeVerifier);
const grantInput = {
  userId: "u-1",
  clientId: "c-1",
  redirectUri: "http://127.0.0.1:3999/callback",
  codeChallenge: challenge,
  resource,
  scopes: ["xano:read", "xano:write"] as const,
  readOnly: false,
  toolsets: ["tables"],
};

async function exchangeOnce() {
  const code = await tokens.issueCode(grantInput);
  return await tokens.exchangeCode({
    code,
    clientId: "c-1",
    redirectUri: grantInput.redirectUri,
    codeVerifier,
    resource,
  });
}

const issued = await exchangeOnce();
const { key } = await apiKeys.create("u-1", {
  name: "bench",
  scopes: ["xano:read"],
  expiresInDays: 30,
});

Deno.bench("verify: OAuth access token (hash, token, grant)", async () => {
  if (!(await verifier.verify(issued.accessToken))) throw new Error("not verified");
});

Deno.bench("verify: personal API key (hash, pointer, key)", async () => {
  if (!(await verifier.verify(key))) throw new Error("not verified");
});

Deno.bench("verify: unknown token (one KV miss)", async () => {
  if (await verifier.verify("xmcp_at_" + "A".repeat(43))) throw new Error("verified");
});

Deno.bench("rate limit: one hit", async () => {
  await limiter.hit("bench", "subject", { limit: 1e12, windowMs: 60_000 });
});

Deno.bench("token: issue code + exchange (PKCE, grant + 2 tokens)", async () => {
  await exchangeOnce();
});

let refreshToken = issued.refreshToken;
Deno.bench("token: refresh with rotation", async () => {
  refreshToken = (await tokens.refresh({ refreshToken, clientId: "c-1", resource })).refreshToken;
});
