/**
 * Serves the whole app on a loopback port for external clients (conformance
 * suite, mcp-remote): real clock, ids, KV (in memory) and sealer; the upstream
 * sign-in is the harness's demo authenticator; `/mcp` is the product endpoint
 * (without a Xano connection: tools list, but Xano calls say it is missing).
 */

import { createApp } from "../../lib/app.ts";
import { randomId, systemClock } from "../../lib/clock.ts";
import { createSealer } from "../../lib/crypto.ts";
import { silentLogger } from "../../lib/log.ts";
import { createMetrics } from "../../lib/metrics.ts";
import { testConfig } from "../_helpers.ts";
import { fakeAuthenticator, memorySink } from "../lib/auth/_harness.ts";

/** A running server. */
export interface RunningServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 at a free port. */
export async function serveApp(): Promise<RunningServer> {
  const kv = await Deno.openKv(":memory:");
  let handler: Deno.ServeHandler = () => new Response("starting", { status: 503 });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req, info) => handler(req, info),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const deps = {
    config: testConfig({ PUBLIC_URL: origin }),
    kv,
    sealer: await createSealer(crypto.getRandomValues(new Uint8Array(32))),
    logger: silentLogger,
    clock: systemClock,
    ids: randomId,
    fetch: globalThis.fetch,
    metrics: createMetrics(),
    authenticator: fakeAuthenticator(),
    credentials: memorySink(),
    resolveHost: () => Promise.resolve([]),
  };
  handler = createApp(deps).fetch;
  return {
    origin,
    async close() {
      await server.shutdown();
      kv.close();
    },
  };
}

/** A person at a browser: follows the sign-in and consent pages with real HTTP, keeping cookies. */
export async function approveWithHttp(authorizeUrl: string): Promise<string> {
  const cookies = new Map<string, string>();
  async function go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [name, value] = line.split(";")[0].split("=");
      cookies.set(name, value);
    }
    return res;
  }
  const post = (url: string, fields: Record<string, string>) =>
    go(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
  const hidden = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((
        m,
      ) => [m[1], m[2]]),
    );
  const origin = new URL(authorizeUrl).origin;
  const start = await go(authorizeUrl);
  await start.body?.cancel();
  let next = new URL(start.headers.get("location")!, origin).href;
  if (next.includes("/signin")) {
    const page = await go(next);
    const signedIn = await post(`${origin}/signin`, {
      ...hidden(await page.text()),
      method: "password",
      email: "demo@example.com",
      password: "demo1234",
    });
    await signedIn.body?.cancel();
    next = new URL(signedIn.headers.get("location")!, origin).href;
  }
  const consent = await go(next);
  const done = await post(`${origin}/consent`, {
    ...hidden(await consent.text()),
    decision: "approve",
    toolsets: "tables",
  });
  await done.body?.cancel();
  const location = done.headers.get("location");
  if (!location) throw new Error(`Consent did not redirect (HTTP ${done.status})`);
  return location;
}
