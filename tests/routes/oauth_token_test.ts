import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import {
  authorizeThrough,
  codeFor,
  exchange,
  harness,
  oauthError,
  pkceParams,
  REDIRECT,
  registerClient,
  tokenRequest,
} from "../lib/auth/_harness.ts";

Deno.test("token: a wrong code verifier is invalid_grant", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const { client, code } = await codeFor(app, browser);
  const res = await exchange(app, { code, verifier: "x".repeat(43), clientId: client.client_id });
  assert.match(await oauthError(res, 400, "invalid_grant"), /verifier does not match/);
});

Deno.test("token: a reused code is refused and revokes the tokens it produced", async () => {
  using kv = await memoryKv();
  const { app, auth, browser } = await harness(kv);
  const { client, code, verifier } = await codeFor(app, browser);
  const first = await exchange(app, { code, verifier, clientId: client.client_id });
  assert.equal(first.status, 200);
  const tokens = await first.json();
  assert.ok(await auth.verifier.verify(tokens.access_token));
  const second = await exchange(app, { code, verifier, clientId: client.client_id });
  assert.match(await oauthError(second, 400, "invalid_grant"), /already used/);
  assert.equal(await auth.verifier.verify(tokens.access_token), null);
  const refresh = await tokenRequest(app, {
    grant_type: "refresh_token",
    refresh_token: tokens.refresh_token,
    client_id: client.client_id,
  });
  await oauthError(refresh, 400, "invalid_grant");
});

Deno.test("token: code bound to redirect URI, client and resource", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const { client, code, verifier } = await codeFor(app, browser);
  const other = await registerClient(app);
  await oauthError(
    await exchange(app, { code, verifier, clientId: client.client_id }, {
      redirect_uri: "http://127.0.0.1:4000/callback",
    }),
    400,
    "invalid_grant",
  );
  await oauthError(
    await exchange(app, { code, verifier, clientId: other.client_id }),
    400,
    "invalid_grant",
  );
  await oauthError(
    await exchange(app, { code, verifier, clientId: client.client_id }, {
      resource: "https://evil.example/mcp",
    }),
    400,
    "invalid_target",
  );
  // None of the failures burned the code for its rightful owner.
  assert.equal((await exchange(app, { code, verifier, clientId: client.client_id })).status, 200);
});

Deno.test("token: an expired code is invalid_grant", async () => {
  using kv = await memoryKv();
  const { app, browser, clock } = await harness(kv);
  const { client, code, verifier } = await codeFor(app, browser);
  clock.advance(2 * 60_000 + 1);
  await oauthError(
    await exchange(app, { code, verifier, clientId: client.client_id }),
    400,
    "invalid_grant",
  );
});

Deno.test("token: a tampered code or token does not verify", async () => {
  using kv = await memoryKv();
  const { app, auth, browser } = await harness(kv);
  const { client, code, verifier } = await codeFor(app, browser);
  const flipped = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
  await oauthError(
    await exchange(app, { code: flipped, verifier, clientId: client.client_id }),
    400,
    "invalid_grant",
  );
  const tokens = await (await exchange(app, { code, verifier, clientId: client.client_id })).json();
  const at = tokens.access_token as string;
  assert.equal(await auth.verifier.verify(at.slice(0, -1) + (at.endsWith("A") ? "B" : "A")), null);
  assert.equal(await auth.verifier.verify(at + "x"), null);
  assert.equal(
    await auth.verifier.verify(tokens.refresh_token),
    null,
    "a refresh token is not an access token",
  );
  assert.equal(await auth.verifier.verify(""), null);
});

Deno.test("token: access tokens expire", async () => {
  using kv = await memoryKv();
  const { app, auth, browser, clock } = await harness(kv);
  const { client, code, verifier } = await codeFor(app, browser);
  const tokens = await (await exchange(app, { code, verifier, clientId: client.client_id })).json();
  clock.advance(3_600_000 - 1);
  assert.ok(await auth.verifier.verify(tokens.access_token));
  clock.advance(1);
  assert.equal(await auth.verifier.verify(tokens.access_token), null);
});

Deno.test("token: refresh rotation tolerates reuse within the grace window, then revokes the grant", async () => {
  using kv = await memoryKv();
  const { app, auth, browser, clock } = await harness(kv, { times: { refreshGraceMs: 10_000 } });
  const { client, code, verifier } = await codeFor(app, browser);
  const first = await (await exchange(app, { code, verifier, clientId: client.client_id })).json();
  const refresh = (token: string) =>
    tokenRequest(app, {
      grant_type: "refresh_token",
      refresh_token: token,
      client_id: client.client_id,
    });

  const [a, b] = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)]);
  assert.equal(a.status, 200, "concurrent refresh 1");
  assert.equal(b.status, 200, "concurrent refresh 2");
  const rotated = await a.json();
  clock.advance(9_000);
  assert.equal((await refresh(first.refresh_token)).status, 200, "within grace");
  clock.advance(2_000);
  assert.match(
    await oauthError(await refresh(first.refresh_token), 400, "invalid_grant"),
    /already used/,
  );
  assert.equal(await auth.verifier.verify(rotated.access_token), null, "grant revoked");
  await oauthError(await refresh(rotated.refresh_token), 400, "invalid_grant");
});

Deno.test("token: refresh checks client, resource and scope", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const { client, code, verifier } = await codeFor(app, browser);
  const other = await registerClient(app);
  const tokens = await (await exchange(app, { code, verifier, clientId: client.client_id })).json();
  const refresh = (extra: Record<string, string>) =>
    tokenRequest(app, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: client.client_id,
      ...extra,
    });
  await oauthError(await refresh({ client_id: other.client_id }), 400, "invalid_grant");
  await oauthError(
    await refresh({ resource: "https://elsewhere.example/mcp" }),
    400,
    "invalid_target",
  );
  await oauthError(await refresh({ scope: "xano:admin" }), 400, "invalid_scope");
  const narrowed = await refresh({ scope: "xano:read" });
  assert.equal(narrowed.status, 200);
  assert.equal((await narrowed.json()).scope, "xano:read");
});

Deno.test("token: malformed requests get RFC 6749 errors, never a 500", async () => {
  using kv = await memoryKv();
  const { app } = await harness(kv);
  const client = await registerClient(app);
  await oauthError(
    await tokenRequest(app, { grant_type: "password", client_id: client.client_id }),
    400,
    "unsupported_grant_type",
  );
  await oauthError(
    await tokenRequest(app, { client_id: client.client_id }),
    400,
    "invalid_request",
  );
  await oauthError(
    await tokenRequest(app, { grant_type: "authorization_code", client_id: client.client_id }),
    400,
    "invalid_request",
  );
  await oauthError(
    await tokenRequest(app, {
      grant_type: "authorization_code",
      code: "x",
      code_verifier: "y",
      redirect_uri: REDIRECT,
    }),
    401,
    "invalid_client",
  );
  await oauthError(
    await tokenRequest(app, {
      grant_type: "refresh_token",
      refresh_token: "x",
      client_id: "nobody",
    }),
    401,
    "invalid_client",
  );
  const json = await app.request("/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "authorization_code" }),
  });
  await oauthError(json, 400, "invalid_request");
  const duplicated = await app.request("/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `grant_type=refresh_token&client_id=${client.client_id}&refresh_token=a&refresh_token=b`,
  });
  await oauthError(duplicated, 400, "invalid_request");
});

Deno.test("token: confidential clients must authenticate with their secret", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const client = await registerClient(app, { token_endpoint_auth_method: "client_secret_basic" });
  assert.equal(typeof client.client_secret, "string");
  assert.equal(client.client_secret_expires_at, 0);
  const { verifier, params } = await pkceParams(client.client_id);
  const code = (await authorizeThrough(browser, params)).searchParams.get("code")!;
  const fields = {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT,
  };
  const basic = (secret: string) => `Basic ${btoa(`${client.client_id}:${secret}`)}`;
  const post = (auth: string, extra = {}) =>
    app.request("/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: auth },
      body: new URLSearchParams({ ...fields, ...extra }),
    });
  const wrong = await post(basic("wrong"));
  await oauthError(wrong.clone(), 401, "invalid_client");
  assert.match(wrong.headers.get("www-authenticate") ?? "", /^Basic/);
  await oauthError(
    await tokenRequest(app, { ...fields, client_id: client.client_id }),
    401,
    "invalid_client",
  );
  assert.equal((await post(basic(client.client_secret as string))).status, 200);
});

Deno.test("revoke: refresh token revokes the grant, access token only itself, others' tokens are ignored", async () => {
  using kv = await memoryKv();
  const { app, auth, browser } = await harness(kv);
  const { client, code, verifier } = await codeFor(app, browser);
  const tokens = await (await exchange(app, { code, verifier, clientId: client.client_id })).json();
  const revoke = (token: string, clientId: string) =>
    app.request("/revoke", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token, client_id: clientId }),
    });
  const other = await registerClient(app);
  assert.equal((await revoke(tokens.access_token, other.client_id)).status, 200);
  assert.ok(await auth.verifier.verify(tokens.access_token), "another client cannot revoke");
  assert.equal((await revoke("garbage", client.client_id)).status, 200);
  assert.equal((await revoke(tokens.refresh_token, client.client_id)).status, 200);
  assert.equal(await auth.verifier.verify(tokens.access_token), null);
});
