import assert from "node:assert/strict";
import type { Hono } from "hono";
import { memoryKv } from "../_helpers.ts";
import {
  authorizeThrough,
  type Browser,
  harness,
  hiddenFields,
  ORIGIN,
  pkceParams,
  REDIRECT,
  registerClient,
  RESOURCE,
  tokenRequest,
} from "../lib/auth/_harness.ts";

async function codeFor(app: Hono, browser: Browser, extra: Record<string, string> = {}) {
  const client = await registerClient(app);
  const { verifier, params } = await pkceParams(client.client_id, extra);
  const back = await authorizeThrough(browser, params);
  return { client, verifier, code: back.searchParams.get("code")! };
}

function exchange(
  app: Hono,
  fields: { code: string; verifier: string; clientId: string },
  extra = {},
) {
  return tokenRequest(app, {
    grant_type: "authorization_code",
    code: fields.code,
    code_verifier: fields.verifier,
    redirect_uri: REDIRECT,
    client_id: fields.clientId,
    resource: RESOURCE,
    ...extra,
  });
}

async function oauthError(res: Response, status: number, error: string): Promise<string> {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const body = await res.json();
  assert.equal(body.error, error, JSON.stringify(body));
  assert.equal(typeof body.error_description, "string");
  return body.error_description;
}

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

Deno.test("authorize: errors before the redirect URI is trusted render a page, never redirect", async () => {
  using kv = await memoryKv();
  const { app } = await harness(kv);
  const client = await registerClient(app);
  const cases: Record<string, string>[] = [
    { redirect_uri: "https://evil.example/callback" },
    { redirect_uri: "http://127.0.0.1:3999/callback/other" },
    { client_id: "unknown-client" },
    { client_id: "" },
  ];
  for (const extra of cases) {
    const { params } = await pkceParams(client.client_id, extra);
    const res = await app.request(`/authorize?${params}`);
    assert.equal(res.status, 400, JSON.stringify(extra));
    assert.equal(res.headers.get("location"), null);
    assert.match(res.headers.get("content-type")!, /text\/html/);
  }
});

Deno.test("authorize: bad parameters redirect back with error, state and iss", async () => {
  using kv = await memoryKv();
  const { app } = await harness(kv);
  const client = await registerClient(app);
  const cases: [Record<string, string>, string][] = [
    [{ code_challenge_method: "plain" }, "invalid_request"],
    [{ code_challenge: "" }, "invalid_request"],
    [{ code_challenge: "too-short" }, "invalid_request"],
    [{ response_type: "token" }, "unsupported_response_type"],
    [{ resource: "https://other.example/mcp" }, "invalid_target"],
    [{ resource: `${RESOURCE}?tenant=1` }, "invalid_target"],
    [{ resource: `${RESOURCE}/other` }, "invalid_target"],
    [{ resource: ORIGIN }, "invalid_target"],
    [{ scope: "xano:read root" }, "invalid_scope"],
  ];
  for (const [extra, error] of cases) {
    const { params } = await pkceParams(client.client_id, extra);
    const res = await app.request(`/authorize?${params}`);
    assert.equal(res.status, 302, JSON.stringify(extra));
    const url = new URL(res.headers.get("location")!);
    assert.equal(url.origin + url.pathname, REDIRECT);
    assert.equal(url.searchParams.get("error"), error, JSON.stringify(extra));
    assert.equal(url.searchParams.get("state"), "st-123");
    assert.equal(url.searchParams.get("iss"), ORIGIN);
  }
  const { params } = await pkceParams(client.client_id);
  params.delete("code_challenge_method");
  const missingMethod = new URL(
    (await app.request(`/authorize?${params}`)).headers.get("location")!,
  );
  assert.equal(missingMethod.searchParams.get("error"), "invalid_request");
});

Deno.test("authorize: a missing state is allowed (PKCE protects the flow) and none is echoed", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const client = await registerClient(app);
  const { params } = await pkceParams(client.client_id);
  params.delete("state");
  const back = await authorizeThrough(browser, params);
  assert.ok(back.searchParams.get("code"));
  assert.equal(back.searchParams.has("state"), false);
  assert.equal(back.searchParams.get("iss"), ORIGIN);
  const long = await pkceParams(client.client_id, { state: "s".repeat(1025) });
  const res = await app.request(`/authorize?${long.params}`);
  const url = new URL(res.headers.get("location")!);
  assert.equal(url.searchParams.get("error"), "invalid_request");
  assert.equal(url.searchParams.has("state"), false);
});

Deno.test("pages: sign-in and consent posts need the flow's CSRF token and browser", async () => {
  using kv = await memoryKv();
  const { app, browser, authenticator } = await harness(kv);
  const client = await registerClient(app);
  const start = await browser.request(`/authorize?${(await pkceParams(client.client_id)).params}`);
  const page = await browser.request(start.headers.get("location")!);
  const hidden = hiddenFields(await page.text());
  const creds = { method: "password", email: "demo@example.com", password: "demo1234" };

  const missing = await browser.post("/signin", { request: hidden.request, ...creds });
  assert.equal(missing.status, 403);
  const wrong = await browser.post("/signin", {
    request: hidden.request,
    csrf: "x".repeat(43),
    ...creds,
  });
  assert.equal(wrong.status, 403);
  const stranger = new (browser.constructor as typeof Browser)(app);
  const otherBrowser = await stranger.post("/signin", { ...hidden, ...creds });
  assert.equal(otherBrowser.status, 400, "a flow cannot be finished from another browser");
  assert.equal(authenticator.calls, 0, "nothing reached upstream");

  const signedIn = await browser.post("/signin", { ...hidden, ...creds });
  assert.equal(signedIn.status, 303);
  const consent = await browser.request(signedIn.headers.get("location")!);
  const consentFields = hiddenFields(await consent.text());
  const noCsrf = await browser.post("/consent", {
    request: consentFields.request,
    decision: "approve",
    toolsets: "tables",
  });
  assert.equal(noCsrf.status, 403);
  assert.equal(noCsrf.headers.get("location"), null);
  const forged = await browser.post("/consent", {
    request: consentFields.request,
    csrf: hidden.csrf.slice(1) + "A",
    decision: "approve",
    toolsets: "tables",
  });
  assert.equal(forged.status, 403);
  const badWorkspace = await browser.post("/consent", {
    ...consentFields,
    decision: "approve",
    toolsets: "tables",
    workspace_id: "-3",
  });
  assert.equal(badWorkspace.status, 400);
  const noToolsets = await browser.post("/consent", { ...consentFields, decision: "approve" });
  assert.equal(noToolsets.status, 400);
  const ok = await browser.post("/consent", {
    ...consentFields,
    decision: "approve",
    toolsets: "tables",
  });
  assert.equal(ok.status, 303);
  const replay = await browser.post("/consent", {
    ...consentFields,
    decision: "approve",
    toolsets: "tables",
  });
  assert.equal(replay.status, 400, "a finished flow cannot be approved twice");
});

Deno.test("pages: sign-in sets an HttpOnly SameSite=Lax session cookie and rotates it", async () => {
  using kv = await memoryKv();
  const { auth, browser } = await harness(kv);
  const signIn = async () => {
    const start = await browser.request("/signin?return_to=/dashboard/keys");
    const page = await browser.request(start.headers.get("location")!);
    return await browser.post("/signin", {
      ...hiddenFields(await page.text()),
      method: "password",
      email: "demo@example.com",
      password: "demo1234",
    });
  };
  const res = await signIn();
  assert.equal(res.headers.get("location"), "/dashboard/keys");
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("xmcp_session="))!;
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\//);
  const first = browser.cookies.get("xmcp_session")!;
  assert.ok(await auth.sessions.get(first));

  // A signed-in browser is sent straight on; to sign in again, start the flow signed out.
  browser.cookies.delete("xmcp_session");
  const start = await browser.request("/signin?return_to=/dashboard");
  const page = await browser.request(start.headers.get("location")!);
  browser.cookies.set("xmcp_session", first);
  await browser.post("/signin", {
    ...hiddenFields(await page.text()),
    method: "password",
    email: "demo@example.com",
    password: "demo1234",
  });
  const second = browser.cookies.get("xmcp_session")!;
  assert.notEqual(second, first);
  assert.equal(await auth.sessions.get(first), null, "the old session is gone");
  assert.ok(await auth.sessions.get(second));

  const open = await browser.request("/signin?return_to=//evil.example");
  assert.equal(open.headers.get("location"), "/dashboard", "no open redirect");

  const session = (await auth.sessions.get(second))!;
  assert.equal((await browser.post("/signout", { csrf: "wrong" })).status, 403);
  const out = await browser.post("/signout", { csrf: session.csrf });
  assert.equal(out.status, 303);
  assert.equal(await auth.sessions.get(second), null);
});

Deno.test("pages: session cookies use the __Host- prefix and Secure on https", async () => {
  using kv = await memoryKv();
  const { browser } = await harness(kv, { env: { PUBLIC_URL: "https://mcp.example.com" } });
  const start = await browser.request("/signin");
  const flowCookie = start.headers.getSetCookie()[0];
  assert.match(flowCookie, /^__Host-xmcp_flow=/);
  assert.match(flowCookie, /Secure/);
  const page = await browser.request(start.headers.get("location")!);
  const res = await browser.post("/signin", {
    ...hiddenFields(await page.text()),
    method: "password",
    email: "demo@example.com",
    password: "demo1234",
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-xmcp_session="))!;
  assert.match(cookie, /Secure/);
  assert.match(cookie, /HttpOnly/);
  assert.doesNotMatch(cookie, /Domain=/i);
});

Deno.test("authorize: the resource may differ from ours only by case or one trailing slash", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const client = await registerClient(app);
  const upper = RESOURCE.replace("http://", "HTTP://") + "/";
  const { verifier, params } = await pkceParams(client.client_id, { resource: upper });
  const back = await authorizeThrough(browser, params);
  const res = await exchange(app, {
    code: back.searchParams.get("code")!,
    verifier,
    clientId: client.client_id,
  }, {
    resource: `${RESOURCE}/`,
  });
  assert.equal(res.status, 200);
});

Deno.test("pages: without an auth API only the token form is offered", async () => {
  using kv = await memoryKv();
  const { browser, authenticator } = await harness(kv, {
    env: { XANO_META_URL: "https://x1.n7.xano.io/api:meta" },
  });
  const start = await browser.request("/signin");
  const page = await browser.request(start.headers.get("location")!);
  const html = await page.text();
  assert.doesNotMatch(html, /Sign in with Xano account/);
  assert.match(html, /Sign in with token/);
  const res = await browser.post("/signin", {
    ...hiddenFields(html),
    method: "password",
    email: "demo@example.com",
    password: "demo1234",
  });
  assert.equal(res.status, 400);
  assert.equal(authenticator.calls, 0);
});
