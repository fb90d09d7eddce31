import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import {
  authorizeThrough,
  exchange,
  harness,
  hiddenFields,
  pkceParams,
  registerClient,
  tokenRequest,
} from "../lib/auth/_harness.ts";

async function register(
  app: { request: (p: string, i: RequestInit) => Response | Promise<Response> },
  body: unknown,
) {
  return await app.request("/register", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

Deno.test("register: admits loopback on any port and the Claude and ChatGPT callbacks", async () => {
  using kv = await memoryKv();
  const { app } = await harness(kv);
  for (
    const uri of [
      "http://127.0.0.1:6276/oauth/callback",
      "http://localhost:51234/oauth/callback",
      "http://[::1]:3000/cb",
      "https://claude.ai/api/mcp/auth_callback",
      "https://claude.com/api/mcp/auth_callback",
      "https://chatgpt.com/connector/oauth/abc_123-XYZ",
      "https://chatgpt.com/connector_platform_oauth_redirect",
    ]
  ) {
    const res = await register(app, { redirect_uris: [uri], token_endpoint_auth_method: "none" });
    assert.equal(res.status, 201, uri);
    const info = await res.json();
    assert.deepEqual(info.redirect_uris, [uri]);
    assert.equal(info.token_endpoint_auth_method, "none");
    assert.ok(info.registration_client_uri);
  }
});

Deno.test("register: refuses every other redirect URI and bad metadata with RFC 7591 errors", async () => {
  using kv = await memoryKv();
  const { app } = await harness(kv);
  const cases: [unknown, string][] = [
    [{ redirect_uris: ["https://evil.example/callback"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["https://claude.ai/api/mcp/auth_callback/extra"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["https://chatgpt.com/connector/oauth/a/b"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["http://127.0.0.1:3000/cb#frag"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["http://user:pw@127.0.0.1:3000/cb"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["javascript:alert(1)"] }, "invalid_redirect_uri"],
    [{ redirect_uris: [] }, "invalid_client_metadata"],
    [{}, "invalid_client_metadata"],
    [[1, 2], "invalid_client_metadata"],
    [
      { redirect_uris: ["http://127.0.0.1:1/cb"], grant_types: ["implicit"] },
      "invalid_client_metadata",
    ],
    [
      { redirect_uris: ["http://127.0.0.1:1/cb"], response_types: ["token"] },
      "invalid_client_metadata",
    ],
    [
      { redirect_uris: ["http://127.0.0.1:1/cb"], token_endpoint_auth_method: "private_key_jwt" },
      "invalid_client_metadata",
    ],
  ];
  for (const [body, error] of cases) {
    const res = await register(app, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal((await res.json()).error, error, JSON.stringify(body));
  }
  const notJson = await app.request("/register", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{nope",
  });
  assert.equal(notJson.status, 400);
  assert.equal((await notJson.json()).error, "invalid_client_metadata");
});

Deno.test("register: OAUTH_REDIRECT_URIS admits more, exactly or by prefix", async () => {
  using kv = await memoryKv();
  const { app } = await harness(kv, {
    env: { OAUTH_REDIRECT_URIS: "https://vscode.dev/redirect, https://app.example.com/oauth/*" },
  });
  assert.equal(
    (await register(app, { redirect_uris: ["https://vscode.dev/redirect"] })).status,
    201,
  );
  assert.equal(
    (await register(app, { redirect_uris: ["https://app.example.com/oauth/x"] })).status,
    201,
  );
  assert.equal(
    (await register(app, { redirect_uris: ["https://vscode.dev/redirect2"] })).status,
    400,
  );
});

Deno.test("register: rate limited per IP with 429 and Retry-After", async () => {
  using kv = await memoryKv();
  const { browser } = await harness(kv, {
    limits: { registerPerIp: { limit: 2, windowMs: 60_000 } },
  });
  const body = JSON.stringify({
    redirect_uris: ["http://127.0.0.1:1/cb"],
    token_endpoint_auth_method: "none",
  });
  const post = () =>
    browser.request("/register", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
  assert.equal((await post()).status, 201);
  assert.equal((await post()).status, 201);
  const limited = await post();
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get("retry-after")) > 0);
  assert.equal((await limited.json()).error, "temporarily_unavailable");
});

Deno.test("sign-in: limited per account and per IP with 429 and Retry-After", async () => {
  using kv = await memoryKv();
  const { app, browser, authenticator, clock } = await harness(kv, {
    limits: {
      signInPerAccount: { limit: 3, windowMs: 60_000 },
      signInPerIp: { limit: 5, windowMs: 60_000 },
    },
  });
  await registerClient(app);
  const start = await browser.request("/signin");
  const page = await browser.request(start.headers.get("location")!);
  const hidden = hiddenFields(await page.text());
  const attempt = (email: string) =>
    browser.post("/signin", { ...hidden, method: "password", email, password: "bad" });
  for (let i = 0; i < 3; i++) assert.equal((await attempt("Demo@Example.com")).status, 401);
  const limited = await attempt("demo@example.com");
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get("retry-after")) > 0);
  assert.match(await limited.text(), /Too many sign-in attempts/);
  assert.equal(authenticator.calls, 3, "the limited attempt never reached upstream");
  // Another account from the same IP still works until the IP limit.
  assert.equal((await attempt("other@example.com")).status, 401);
  assert.equal((await attempt("third@example.com")).status, 429, "per-IP limit");
  clock.advance(2 * 60_000);
  assert.equal((await attempt("demo@example.com")).status, 401, "limits lapse");
});

Deno.test("limits: oversized bodies get 413 on the token endpoint and the sign-in form", async () => {
  using kv = await memoryKv();
  const { app, browser } = await harness(kv);
  const big = "x".repeat(20_000);
  const token = await app.request("/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `grant_type=refresh_token&refresh_token=${big}`,
  });
  assert.equal(token.status, 413);
  assert.equal((await token.json()).error, "invalid_request");
  const registration = await register(app, {
    redirect_uris: ["http://127.0.0.1:1/cb"],
    client_name: big,
  });
  assert.equal(registration.status, 413);
  const form = await browser.post("/signin", { request: "x", csrf: "y", password: big });
  assert.equal(form.status, 413);
  assert.match(form.headers.get("content-type")!, /text\/html/);
});

Deno.test("register: an unused registration lapses after 7 days; one that authorized stays", async () => {
  using kv = await memoryKv();
  const { app, auth, browser, clock } = await harness(kv);
  const unused = await registerClient(app);
  const used = await registerClient(app);
  const { verifier, params } = await pkceParams(used.client_id);
  const code = (await authorizeThrough(browser, params)).searchParams.get("code")!;
  const res = await exchange(app, { code, verifier, clientId: used.client_id });
  assert.equal(res.status, 200);
  clock.advance(7 * 86_400_000);
  assert.equal(await auth.clients.get(unused.client_id), null);
  assert.ok(await auth.clients.get(used.client_id));
  const refreshed = await tokenRequest(app, {
    grant_type: "refresh_token",
    refresh_token: (await res.json()).refresh_token,
    client_id: used.client_id,
  });
  assert.equal(refreshed.status, 200);
});
