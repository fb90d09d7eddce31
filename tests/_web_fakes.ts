/**
 * The dashboard over the real app: real authorization server (sessions, API
 * keys, grants), real audit and usage stores, with fakes only for what other
 * workstreams have not landed (upstream Xano sign-in, the credential state).
 */

import type { Hono } from "hono";
import { type AppDeps, createApp } from "../lib/app.ts";
import {
  type Clock,
  type ManualClock,
  manualClock,
  randomId,
  sequentialIds,
  systemClock,
} from "../lib/clock.ts";
import { createSandbox, sandboxFetch } from "../lib/sandbox/mod.ts";
import { createXanoAuthenticator } from "../lib/xano/authenticator.ts";
import { createXanoRuntime } from "../lib/xano/mod.ts";
import { type AuditStore, createAuditStore } from "../lib/kv/audit.ts";
import { type Assets, loadAssets } from "../lib/web/assets.ts";
import type { WebOptions, XanoConnectionView, XanoPort } from "../lib/web/deps.ts";
import { Browser, fakeAuthenticator, hiddenFields, memorySink } from "./lib/auth/_harness.ts";
import { testConfig, testDeps } from "./_helpers.ts";

export const DEMO = { email: "demo@example.com", password: "demo1234" } as const;

export function fakeXano(clock: Clock): XanoPort & { refreshed: number } {
  const port = {
    refreshed: 0,
    status: (): Promise<XanoConnectionView> =>
      Promise.resolve({
        kind: "account",
        instance: "http://127.0.0.1:8000/_sandbox",
        workspace: "Demo workspace",
        email: DEMO.email,
        state: "ok",
        obtainedAt: clock.now() - 600_000,
        expiresAt: clock.now() + 86_000_000,
      }),
    refresh: () => {
      port.refreshed++;
      return Promise.resolve({ ok: true, message: "Xano token refreshed" });
    },
  };
  return port;
}

let cachedAssets: Assets | undefined;

/** Options of {@link webApp}. */
export interface WebAppOptions {
  readonly clock?: ManualClock;
  readonly publicUrl?: string;
  readonly env?: Record<string, string>;
  /** Overrides of the dashboard options (`xano: undefined` removes the port). */
  readonly web?: Partial<WebOptions>;
  /** Other app dependencies (for example `mcp` with an in-memory Xano). */
  readonly app?: Partial<AppDeps>;
}

/** The app with the dashboard mounted, plus handles tests reach into. */
export interface WebApp {
  readonly app: Hono;
  readonly deps: AppDeps;
  readonly clock: ManualClock;
  readonly xano: ReturnType<typeof fakeXano>;
  /** An audit store over the same KV: what the MCP layer writes through. */
  readonly audit: AuditStore;
}

/** Builds the app with the dashboard over `kv`. */
export async function webApp(kv: Deno.Kv, options: WebAppOptions = {}): Promise<WebApp> {
  const clock = options.clock ?? manualClock(Date.UTC(2026, 10, 20, 12));
  const xano = fakeXano(clock);
  cachedAssets ??= await loadAssets();
  const deps = await testDeps(kv, {
    config: testConfig({
      ...(options.publicUrl ? { PUBLIC_URL: options.publicUrl } : {}),
      ...options.env,
    }),
    clock,
    ids: sequentialIds("id"),
    authenticator: fakeAuthenticator(),
    credentials: memorySink(),
    web: { assets: cachedAssets, xano, ...options.web },
    ...options.app,
  });
  return {
    app: createApp(deps),
    deps,
    clock,
    xano,
    audit: createAuditStore({ kv, clock, ids: sequentialIds("ev") }),
  };
}

/** Signs the demo user in through `/login` and the sign-in page; returns the session's CSRF token. */
export async function signIn(browser: Browser, next = "/dashboard"): Promise<string> {
  let res = await browser.request(`/login?next=${encodeURIComponent(next)}`);
  while (res.status === 303 && res.headers.get("location")!.startsWith("/signin")) {
    res = await browser.request(res.headers.get("location")!);
  }
  if (res.status !== 200) throw new Error(`sign-in page answered ${res.status}`);
  const hidden = hiddenFields(await res.text());
  const done = await browser.post("/signin", { ...hidden, method: "password", ...DEMO });
  if (done.status !== 303) throw new Error(`sign-in answered ${done.status}: ${await done.text()}`);
  if (done.headers.get("location") !== next) {
    throw new Error(`sign-in returned to "${done.headers.get("location")}", not "${next}"`);
  }
  const page = await browser.request("/logout");
  const csrf = hiddenFields(await page.text()).csrf;
  if (!csrf) throw new Error("no CSRF token on the sign-out page");
  return csrf;
}

export { Browser };

/**
 * The whole product as `main.ts` wires it with no Xano configured: the local
 * sandbox stands in for Xano (answered in process), the real authenticator,
 * the Xano runtime, the MCP tools, the SDK compiler and the dashboard.
 */
export async function productApp(
  kv: Deno.Kv,
  options: { readonly publicUrl: string },
): Promise<{ app: Hono; deps: AppDeps }> {
  const clock = systemClock;
  const config = testConfig({ PUBLIC_URL: options.publicUrl });
  const sandbox = createSandbox({ kv, clock, basePath: "/_sandbox", tokenTtlMs: 3_600_000 });
  await sandbox.ready();
  const fetch = sandboxFetch(
    sandbox,
    options.publicUrl,
    () => Promise.reject(new Error("offline")),
  );
  const urls = sandbox.urls(options.publicUrl);
  cachedAssets ??= await loadAssets();
  const base = await testDeps(kv, { config, clock, ids: randomId });
  const xano = createXanoRuntime({ kv, sealer: base.sealer, clock, fetch });
  const deps: AppDeps = {
    ...base,
    sandbox,
    xano,
    credentials: xano.credentials,
    authenticator: createXanoAuthenticator({
      fetch,
      clock,
      authUrl: urls.auth,
      metaUrl: urls.meta,
    }),
    web: { assets: cachedAssets },
  };
  return { app: createApp(deps), deps };
}
