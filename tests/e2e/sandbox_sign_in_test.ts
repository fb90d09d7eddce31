import assert from "node:assert/strict";
import { createApp } from "../../lib/app.ts";
import { createAuthServer } from "../../lib/auth/server.ts";
import { manualClock, sequentialIds } from "../../lib/clock.ts";
import { createSandbox } from "../../lib/sandbox/mod.ts";
import { createXanoAuthenticator } from "../../lib/xano/authenticator.ts";
import { createCredentialStore } from "../../lib/xano/credentials.ts";
import { memoryKv, testConfig, testDeps } from "../_helpers.ts";
import {
  Browser,
  hiddenFields,
  ORIGIN,
  pkceParams,
  REDIRECT,
  registerClient,
  tokenRequest,
} from "../lib/auth/_harness.ts";

/** The app as main.ts wires it without Xano: sandbox mounted, real authenticator and sealed store. */
async function sandboxApp(kv: Deno.Kv) {
  const clock = manualClock(Date.now());
  const sandbox = createSandbox({ kv, clock, basePath: "/_sandbox", tokenTtlMs: 3_600_000 });
  await sandbox.ready();
  const urls = sandbox.urls(ORIGIN);
  const base = await testDeps(kv, {
    config: testConfig({ PUBLIC_URL: ORIGIN }),
    clock,
    ids: sequentialIds("id"),
  });
  const credentials = createCredentialStore({ kv, sealer: base.sealer, clock });
  const deps = {
    ...base,
    sandbox,
    credentials,
    authenticator: createXanoAuthenticator({
      fetch: (request: Request) => sandbox.fetch(request),
      clock,
      authUrl: urls.auth,
      metaUrl: urls.meta,
    }),
  };
  const app = createApp(deps);
  return {
    app,
    sandbox,
    credentials,
    urls,
    auth: createAuthServer({ ...deps, resolveHost: () => Promise.resolve([]) }),
  };
}

async function signInPage(browser: Browser, clientId: string) {
  const { verifier, params } = await pkceParams(clientId);
  const start = await browser.request(`/authorize?${params}`);
  const page = await browser.request(start.headers.get("location")!);
  return { verifier, hidden: hiddenFields(await page.text()) };
}

async function approve(browser: Browser, location: string): Promise<string> {
  const consent = await browser.request(location);
  const done = await browser.post("/consent", {
    ...hiddenFields(await consent.text()),
    decision: "approve",
    toolsets: ["tables"],
  });
  assert.equal(done.status, 303);
  return new URL(done.headers.get("location")!).searchParams.get("code")!;
}

Deno.test("sandbox: the demo account signs in through the sandbox auth API and its credential is sealed", async () => {
  using kv = await memoryKv();
  const { app, credentials, auth } = await sandboxApp(kv);
  const browser = new Browser(app);
  const client = await registerClient(app);
  const { verifier, hidden } = await signInPage(browser, client.client_id);

  const wrong = await browser.post("/signin", {
    ...hidden,
    method: "password",
    email: "demo@example.com",
    password: "nope",
  });
  assert.equal(wrong.status, 401);
  assert.match(await wrong.text(), /did not accept this email and password/);

  const ok = await browser.post("/signin", {
    ...hidden,
    method: "password",
    email: "demo@example.com",
    password: "demo1234",
  });
  assert.equal(ok.status, 303, await ok.clone().text());
  const code = await approve(browser, ok.headers.get("location")!);
  const tokens = await (await tokenRequest(app, {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
  })).json();
  const grant = await auth.verifier.verify(tokens.access_token);
  assert.ok(grant);
  const credential = await credentials.get(grant.userId);
  assert.equal(credential?.kind, "account");
  assert.match(credential!.metaUrl, /\/_sandbox\/api:meta$/);
  for await (const entry of kv.list({ prefix: ["xano_credentials"] })) {
    assert.ok(!JSON.stringify(entry.value).includes(credential!.metaToken), "sealed at rest");
  }
});

Deno.test("sandbox: a Metadata API token and instance URL sign in; a bad token is refused", async () => {
  using kv = await memoryKv();
  const { app, sandbox, credentials } = await sandboxApp(kv);
  const browser = new Browser(app);
  const client = await registerClient(app);
  const { hidden } = await signInPage(browser, client.client_id);
  const instance = `${ORIGIN}/_sandbox`;

  const bad = await browser.post("/signin", {
    ...hidden,
    method: "token",
    meta_url: instance,
    meta_token: "not-a-token",
  });
  assert.equal(bad.status, 401);
  const token = await sandbox.issueToken();
  const ok = await browser.post("/signin", {
    ...hidden,
    method: "token",
    meta_url: instance,
    meta_token: token,
  });
  assert.equal(ok.status, 303, await ok.clone().text());
  const users = [];
  for await (const entry of kv.list<{ id: string }>({ prefix: ["users"] })) users.push(entry.value);
  assert.equal(users.length, 1);
  const credential = await credentials.get(users[0].id);
  assert.equal(credential?.kind, "token");
  assert.equal(credential?.metaToken, token);
  assert.ok(await approve(browser, ok.headers.get("location")!));
});
