import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import {
  authorizeThrough,
  harness,
  hiddenFields,
  ORIGIN,
  pkceParams,
  REDIRECT,
  registerClient,
  RESOURCE,
  tokenRequest,
} from "../lib/auth/_harness.ts";

Deno.test("oauth: discovery documents name the exact issuer and resource", async () => {
  using kv = await memoryKv();
  const { app } = await harness(kv);
  for (
    const path of [
      "/.well-known/oauth-protected-resource/mcp",
      "/.well-known/oauth-protected-resource",
    ]
  ) {
    const res = await app.request(path);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    const prm = await res.json();
    assert.equal(prm.resource, RESOURCE);
    assert.deepEqual(prm.authorization_servers, [ORIGIN]);
    assert.ok(!prm.scopes_supported.includes("offline_access"));
  }
  const as = await (await app.request("/.well-known/oauth-authorization-server")).json();
  assert.equal(as.issuer, ORIGIN);
  assert.equal(as.authorization_endpoint, `${ORIGIN}/authorize`);
  assert.deepEqual(as.code_challenge_methods_supported, ["S256"]);
  assert.equal(as.client_id_metadata_document_supported, true);
  assert.equal(as.authorization_response_iss_parameter_supported, true);
  assert.ok(as.token_endpoint_auth_methods_supported.includes("none"));
});

Deno.test("oauth: register, authorize, sign in, consent, token, verify and refresh", async () => {
  using kv = await memoryKv();
  const { app, auth, browser, sink } = await harness(kv);
  const client = await registerClient(app);
  assert.equal(client.registration_client_uri, `${ORIGIN}/register/${client.client_id}`);
  assert.equal(typeof client.client_id_issued_at, "number");
  assert.deepEqual(client.redirect_uris, [REDIRECT]);
  assert.equal(client.client_secret, undefined);

  const read = await app.request(client.registration_client_uri as string, {
    headers: { authorization: `Bearer ${client.registration_access_token}` },
  });
  assert.equal(read.status, 200);
  assert.equal((await read.json()).client_name, "Test Client");
  const denied = await app.request(client.registration_client_uri as string, {
    headers: { authorization: "Bearer wrong" },
  });
  assert.equal(denied.status, 401);

  const { verifier, params } = await pkceParams(client.client_id);
  const back = await authorizeThrough(browser, params, { workspace_id: "12" });
  assert.equal(back.origin + back.pathname, REDIRECT);
  assert.equal(back.searchParams.get("state"), "st-123");
  assert.equal(back.searchParams.get("iss"), ORIGIN);
  const code = back.searchParams.get("code")!;
  assert.ok(code);
  assert.equal(sink.stored.size, 1);

  const res = await tokenRequest(app, {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
    resource: RESOURCE,
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const tokens = await res.json();
  assert.equal(tokens.token_type, "Bearer");
  assert.equal(tokens.scope, "xano:read xano:write");
  assert.equal(tokens.expires_in, 3600);
  assert.match(tokens.access_token, /^xmcp_at_/);

  const grant = await auth.verifier.verify(tokens.access_token);
  assert.ok(grant);
  assert.equal(grant.clientId, client.client_id);
  assert.deepEqual(grant.scopes, ["xano:read", "xano:write"]);
  assert.deepEqual(grant.toolsets, ["tables", "records"]);
  assert.equal(grant.workspaceId, 12);
  assert.equal(grant.readOnly, false);

  const refreshed = await tokenRequest(app, {
    grant_type: "refresh_token",
    refresh_token: tokens.refresh_token,
    client_id: client.client_id,
    resource: RESOURCE,
  });
  assert.equal(refreshed.status, 200);
  const next = await refreshed.json();
  assert.notEqual(next.refresh_token, tokens.refresh_token);
  assert.ok(await auth.verifier.verify(next.access_token));
});

Deno.test("oauth: a second sign-in reuses the session and goes straight to consent", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const client = await registerClient(app);
  await authorizeThrough(browser, (await pkceParams(client.client_id)).params);
  const again = await browser.request(`/authorize?${(await pkceParams(client.client_id)).params}`);
  assert.equal(again.status, 303);
  assert.match(again.headers.get("location")!, /^\/consent\?request=/);
});

Deno.test("oauth: read-only consent grants only xano:read", async () => {
  using kv = await memoryKv();
  const { app, auth, browser } = await harness(kv);
  const client = await registerClient(app);
  const { verifier, params } = await pkceParams(client.client_id);
  const back = await authorizeThrough(browser, params, { read_only: "on" });
  const tokens = await (await tokenRequest(app, {
    grant_type: "authorization_code",
    code: back.searchParams.get("code")!,
    code_verifier: verifier,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
  })).json();
  assert.equal(tokens.scope, "xano:read");
  const grant = await auth.verifier.verify(tokens.access_token);
  assert.equal(grant?.readOnly, true);
  assert.deepEqual(grant?.scopes, ["xano:read"]);
});

Deno.test("oauth: deny redirects with access_denied, state and iss", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const client = await registerClient(app);
  const { params } = await pkceParams(client.client_id);
  const start = await browser.request(`/authorize?${params}`);
  const page = await browser.request(start.headers.get("location")!);
  const signedIn = await browser.post("/signin", {
    ...hiddenFields(await page.text()),
    method: "password",
    email: "demo@example.com",
    password: "demo1234",
  });
  const consent = await browser.request(signedIn.headers.get("location")!);
  const html = await consent.text();
  assert.match(html, /Test Client/);
  assert.match(html, /127\.0\.0\.1:3999/);
  assert.match(html, /on your own computer/);
  assert.doesNotMatch(html, /<script/);
  const res = await browser.post("/consent", { ...hiddenFields(html), decision: "deny" });
  const url = new URL(res.headers.get("location")!);
  assert.equal(url.searchParams.get("error"), "access_denied");
  assert.equal(url.searchParams.get("state"), "st-123");
  assert.equal(url.searchParams.get("iss"), ORIGIN);
  assert.equal(url.searchParams.get("code"), null);
});

Deno.test("oauth: Metadata API token sign-in works and wrong passwords re-render with 401", async () => {
  using kv = await memoryKv();
  const { app, browser, sink } = await harness(kv);
  const client = await registerClient(app);
  const start = await browser.request(`/authorize?${(await pkceParams(client.client_id)).params}`);
  const page = await browser.request(start.headers.get("location")!);
  const hidden = hiddenFields(await page.text());
  const wrong = await browser.post("/signin", {
    ...hidden,
    method: "password",
    email: "demo@example.com",
    password: "nope",
  });
  assert.equal(wrong.status, 401);
  assert.match(await wrong.text(), /Email or password is incorrect/);
  const ok = await browser.post("/signin", {
    ...hidden,
    method: "token",
    meta_url: "https://x1.n7.xano.io/",
    meta_token: "good-token",
  });
  assert.equal(ok.status, 303);
  const stored = [...sink.stored.values()][0];
  assert.equal(stored.kind, "token");
  assert.equal(stored.metaUrl, "https://x1.n7.xano.io/api:meta");
});
