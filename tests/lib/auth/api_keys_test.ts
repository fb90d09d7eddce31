import assert from "node:assert/strict";
import { createApiKeyStore } from "../../../lib/auth/api_keys.ts";
import { createTokenVerifier } from "../../../lib/auth/verifier.ts";
import { bearerChallenge } from "../../../lib/auth/challenge.ts";
import { manualClock, sequentialIds } from "../../../lib/clock.ts";
import { BadRequestError, NotFoundError } from "../../../lib/errors.ts";
import { memoryKv } from "../../_helpers.ts";

Deno.test("api keys: created once, stored hashed, verified, listed and revoked", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const apiKeys = createApiKeyStore({ kv, clock, ids: sequentialIds("k") });
  const { key, apiKey } = await apiKeys.create("u-1", {
    name: "laptop",
    scopes: ["xano:read", "xano:write"],
    expiresInDays: 30,
    toolsets: ["tables"],
  });
  assert.match(key, /^xmcp_ak_/);
  assert.equal(apiKey.hint, key.slice(-4));
  for await (const entry of kv.list({ prefix: [] })) {
    assert.ok(
      !JSON.stringify([entry.key, entry.value]).includes(key),
      "the key itself is never stored",
    );
  }
  const verifier = createTokenVerifier({
    tokens: { verify: () => Promise.resolve(null) },
    apiKeys,
  });
  const grant = await verifier.verify(key);
  assert.equal(grant?.userId, "u-1");
  assert.equal(grant?.clientId, `api-key:${apiKey.id}`);
  assert.deepEqual(grant?.toolsets, ["tables"]);
  const tampered = key.slice(0, -1) + (key.endsWith("0") ? "1" : "0");
  assert.equal(await verifier.verify(tampered), null, "tampered");
  assert.deepEqual((await apiKeys.list("u-1")).map((k) => k.name), ["laptop"]);
  assert.deepEqual(await apiKeys.list("u-2"), []);
  await assert.rejects(apiKeys.revoke("u-2", apiKey.id), NotFoundError);
  await apiKeys.revoke("u-1", apiKey.id);
  assert.equal(await verifier.verify(key), null, "revoked");
});

Deno.test("api keys: expire, and read-only keys carry only xano:read", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const apiKeys = createApiKeyStore({ kv, clock, ids: sequentialIds("k") });
  const { key } = await apiKeys.create("u-1", {
    name: "ci",
    scopes: ["xano:read", "xano:deploy"],
    expiresInDays: 1,
    readOnly: true,
  });
  const grant = await apiKeys.verify(key);
  assert.deepEqual(grant?.scopes, ["xano:read"]);
  assert.equal(grant?.readOnly, true);
  clock.advance(86_400_000);
  assert.equal(await apiKeys.verify(key), null);
});

Deno.test("api keys: bad input gets clear errors", async () => {
  using kv = await memoryKv();
  const apiKeys = createApiKeyStore({ kv, clock: manualClock(), ids: sequentialIds("k") });
  const base = { name: "x", scopes: ["xano:read" as const], expiresInDays: 30 };
  await assert.rejects(apiKeys.create("u", { ...base, name: " " }), BadRequestError);
  await assert.rejects(apiKeys.create("u", { ...base, scopes: [] }), BadRequestError);
  await assert.rejects(
    apiKeys.create("u", { ...base, scopes: ["root" as "xano:read"] }),
    BadRequestError,
  );
  await assert.rejects(apiKeys.create("u", { ...base, expiresInDays: 366 }), /1-365 days/);
  await assert.rejects(apiKeys.create("u", { ...base, expiresInDays: 0.5 }), BadRequestError);
});

Deno.test("challenge: builds the Bearer header with resource_metadata, scope and escaped values", () => {
  assert.equal(
    bearerChallenge({
      resourceMetadataUrl: "https://x/.well-known/oauth-protected-resource/mcp",
      scopes: ["xano:read", "xano:write"],
    }),
    'Bearer resource_metadata="https://x/.well-known/oauth-protected-resource/mcp", scope="xano:read xano:write"',
  );
  assert.equal(
    bearerChallenge({
      resourceMetadataUrl: "https://x/m",
      scopes: ["xano:deploy"],
      error: "insufficient_scope",
      description: 'Needs "deploy"\r\nnow',
    }),
    'Bearer error="insufficient_scope", error_description="Needs \\"deploy\\" now", resource_metadata="https://x/m", scope="xano:deploy"',
  );
});
