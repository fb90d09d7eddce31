import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import {
  authorizeThrough,
  Browser,
  exchange,
  harness,
  hiddenFields,
  ORIGIN,
  pkceParams,
  REDIRECT,
  registerClient,
  RESOURCE,
} from "../lib/auth/_harness.ts";

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
  const stranger = new Browser(app);
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
