/** A test harness for the authorization server: app, fake upstream, a cookie-keeping browser. */

import assert from "node:assert/strict";
import type { Hono } from "hono";
import { createApp } from "../../../lib/app.ts";
import type { Authenticator, CredentialSink } from "../../../lib/auth/authenticator.ts";
import { type AuthLimits, type AuthServer, createAuthServer } from "../../../lib/auth/server.ts";
import type { TokenServiceTimes } from "../../../lib/auth/tokens.ts";
import { type ManualClock, manualClock, sequentialIds } from "../../../lib/clock.ts";
import { pkceChallengeS256, randomToken } from "../../../lib/crypto.ts";
import { UnauthorizedError } from "../../../lib/errors.ts";
import type { SignInResult, XanoCredential } from "../../../lib/xano/types.ts";
import { testConfig, testDeps } from "../../_helpers.ts";

export const ORIGIN = "http://127.0.0.1:8000";
export const RESOURCE = `${ORIGIN}/mcp`;
export const REDIRECT = "http://127.0.0.1:3999/callback";

/** Accepts demo@example.com / demo1234 and the Metadata token "good-token". */
export function fakeAuthenticator(): Authenticator & { calls: number } {
  const fake = {
    calls: 0,
    password(email: string, password: string): Promise<SignInResult> {
      fake.calls++;
      if (email !== "demo@example.com" || password !== "demo1234") {
        return Promise.reject(new UnauthorizedError("Email or password is incorrect"));
      }
      return Promise.resolve(account(email));
    },
    token(metaUrl: string, token: string): Promise<SignInResult> {
      fake.calls++;
      if (token !== "good-token") {
        return Promise.reject(new UnauthorizedError("Xano rejected the Metadata API token"));
      }
      return Promise.resolve({
        identity: `xano:${new URL(metaUrl).host}:7`,
        name: "Token User",
        credential: { kind: "token", metaUrl, metaToken: token, obtainedAt: 0 },
      });
    },
  };
  return fake;
}

function account(email: string): SignInResult {
  return {
    identity: "xano:sandbox:1",
    name: "Demo",
    email,
    credential: {
      kind: "account",
      authUrl: "http://sandbox/api:auth",
      metaUrl: "http://sandbox/api:meta",
      authToken: "auth-token",
      metaToken: "meta-token",
      email,
      obtainedAt: 0,
    },
  };
}

/** A credential sink that remembers what it was given. */
export function memorySink(): CredentialSink & { stored: Map<string, XanoCredential> } {
  const stored = new Map<string, XanoCredential>();
  return {
    stored,
    put(userId, credential) {
      stored.set(userId, credential);
      return Promise.resolve();
    },
  };
}

/** Options of {@link harness}. */
export interface HarnessOptions {
  readonly times?: Partial<TokenServiceTimes>;
  readonly limits?: Partial<AuthLimits>;
  readonly fetch?: typeof fetch;
  readonly resolveHost?: (host: string) => Promise<readonly string[]>;
  readonly env?: Record<string, string>;
}

/** The app plus direct handles on its stores (same KV). */
export interface Harness {
  readonly app: Hono;
  readonly auth: AuthServer;
  readonly clock: ManualClock;
  readonly sink: ReturnType<typeof memorySink>;
  readonly authenticator: ReturnType<typeof fakeAuthenticator>;
  readonly browser: Browser;
}

/** Builds the app over `kv` with fakes for upstream. */
export async function harness(kv: Deno.Kv, options: HarnessOptions = {}): Promise<Harness> {
  const clock = manualClock();
  const sink = memorySink();
  const authenticator = fakeAuthenticator();
  const config = testConfig({ PUBLIC_URL: ORIGIN, ...options.env });
  const resolveHost = options.resolveHost ?? (() => Promise.resolve(["93.184.216.34"]));
  const deps = await testDeps(kv, {
    config,
    clock,
    ids: sequentialIds("id"),
    authenticator,
    credentials: sink,
    resolveHost,
    authTimes: options.times,
    authLimits: options.limits,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const app = createApp(deps);
  // The app's own auth server is internal; this one shares KV, clock and settings. Like another
  // process it would trust its verified tokens for AUTH_CACHE_TTL: it reads KV every time instead,
  // so tests see the app's revocations at once.
  const auth = createAuthServer({
    ...deps,
    config: { ...config, ops: { ...config.ops, authCacheMs: 0 } },
    ids: sequentialIds("direct"),
    resolveHost,
    times: options.times,
    limits: options.limits,
  });
  return { app, auth, clock, sink, authenticator, browser: new Browser(app) };
}

/** Follows no redirects; keeps cookies like a browser would. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: Hono, readonly ip = "198.51.100.7") {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await this.app.request(path, { ...init, headers }, {
      remoteAddr: { hostname: this.ip, port: 1, transport: "tcp" },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair.split("=");
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  post(path: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const item of [value].flat()) body.append(name, item);
    }
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  }
}

/** Registers a public client with `redirect_uris`. */
export async function registerClient(
  app: Hono,
  body: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { client_id: string }> {
  const res = await app.request("/register", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      client_name: "Test Client",
      ...body,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

/** Authorization parameters with a fresh PKCE pair. */
export async function pkceParams(clientId: string, extra: Record<string, string> = {}) {
  const verifier = randomToken(48);
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: await pkceChallengeS256(verifier),
    code_challenge_method: "S256",
    state: "st-123",
    scope: "xano:read xano:write",
    resource: RESOURCE,
    ...extra,
  });
  return { verifier, params };
}

/** Reads the hidden form fields of a rendered page. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[match[1]] = match[2];
  }
  return fields;
}

/**
 * Runs authorize → sign in → consent in `browser` and returns the final
 * redirect URL to the client.
 */
export async function authorizeThrough(
  browser: Browser,
  params: URLSearchParams,
  consent: Record<string, string | string[]> = {},
): Promise<URL> {
  const start = await browser.request(`/authorize?${params}`);
  assert.equal(start.status, 303, await start.clone().text());
  let location = start.headers.get("location")!;
  if (location.startsWith("/signin")) {
    const page = await browser.request(location);
    assert.equal(page.status, 200);
    const hidden = hiddenFields(await page.text());
    const signedIn = await browser.post("/signin", {
      ...hidden,
      method: "password",
      email: "demo@example.com",
      password: "demo1234",
    });
    assert.equal(signedIn.status, 303, await signedIn.clone().text());
    location = signedIn.headers.get("location")!;
  }
  assert.match(location, /^\/consent\?request=/);
  const page = await browser.request(location);
  assert.equal(page.status, 200);
  const hidden = hiddenFields(await page.text());
  const done = await browser.post("/consent", {
    ...hidden,
    decision: "approve",
    toolsets: ["tables", "records"],
    ...consent,
  });
  assert.equal(done.status, 303, await done.clone().text());
  return new URL(done.headers.get("location")!);
}

/** POSTs a form to `/token`. */
export async function tokenRequest(app: Hono, fields: Record<string, string>): Promise<Response> {
  return await app.request("/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

/** Registers a client and runs the browser flow up to its code. */
export async function codeFor(app: Hono, browser: Browser, extra: Record<string, string> = {}) {
  const client = await registerClient(app);
  const { verifier, params } = await pkceParams(client.client_id, extra);
  const back = await authorizeThrough(browser, params);
  return { client, verifier, code: back.searchParams.get("code")! };
}

/** Exchanges a code at `/token` (override fields with `extra`). */
export function exchange(
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

/** Asserts an RFC 6749 error response and returns its description. */
export async function oauthError(res: Response, status: number, error: string): Promise<string> {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const body = await res.json();
  assert.equal(body.error, error, JSON.stringify(body));
  assert.equal(typeof body.error_description, "string");
  return body.error_description;
}
