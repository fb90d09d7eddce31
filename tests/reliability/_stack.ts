/**
 * The reliability suite's stack, all real parts in one process: the app (OAuth
 * verifier, rate limits, `/mcp`, audit), the real Xano client with its
 * resilience policies, and the local Xano sandbox with fault injection behind
 * it. A personal API key plays the bearer token; the MCP SDK client calls the
 * app's `fetch` directly (no port), so faults come only from the sandbox.
 *
 * Iteration counts come from `RELIABILITY_SCALE` (`short` in CI, `full` from
 * `deno task test:reliability`), read here and only here.
 */

import { createApiKeyStore } from "../../lib/auth/api_keys.ts";
import { sequentialIds, systemClock } from "../../lib/clock.ts";
import { createSealer } from "../../lib/crypto.ts";
import { silentLogger } from "../../lib/log.ts";
import { createMetrics } from "../../lib/metrics.ts";
import { createSandbox, type Sandbox } from "../../lib/sandbox/mod.ts";
import { fetchAccountMe } from "../../lib/xano/sign_in.ts";
import type { AccountCredential } from "../../lib/xano/types.ts";
import { createXanoRuntime, type XanoRuntime } from "../../lib/xano/mod.ts";
import { Client, StreamableHTTPClientTransport } from "../../mcp/sdk.ts";
import { testApp, testConfig } from "../_helpers.ts";

/** `full` runs the long version of every scenario; anything else the short one. */
export const FULL = Deno.env.get("RELIABILITY_SCALE") === "full";

/** Picks the short or the full count. */
export function scale(short: number, full: number): number {
  return FULL ? full : short;
}

/** Options of {@link stack}. */
export interface StackOptions {
  /** `account` signs in with email and password (renewable); `token` pastes a Metadata token. */
  readonly credential?: "account" | "token";
  readonly env?: Record<string, string>;
  /** Account only: lifetime of the Metadata tokens (the sign-in token keeps the default). */
  readonly metaTokenTtl?: string;
}

/** A running stack. */
export interface Stack {
  readonly app: { fetch(request: Request): Response | Promise<Response> };
  readonly sandbox: Sandbox;
  readonly key: string;
  readonly metrics: ReturnType<typeof createMetrics>;
  readonly xano: XanoRuntime;
  connect(): Promise<Client>;
}

const ORIGIN = "http://sandbox.local";

/** Builds the stack over `kv` (the app's KV; the sandbox keeps its own state in memory). */
export async function stack(kv: Deno.Kv, options: StackOptions = {}): Promise<Stack> {
  const sandbox = createSandbox({ clock: systemClock, logger: silentLogger });
  await sandbox.ready();
  const fetch = (request: Request) => sandbox.fetch(request);
  const xano = createXanoRuntime({
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(5)),
    clock: systemClock,
    fetch,
    // Production policies with short waits, so a matrix cell takes seconds.
    resilience: { baseDelayMs: 5, maxDelayMs: 40, halfOpenAfterMs: 100, timeoutMs: 2_000 },
  });
  const urls = sandbox.urls(ORIGIN);
  const credential = options.credential === "account"
    ? await accountSignIn(sandbox, options.metaTokenTtl)
    : {
      kind: "token" as const,
      metaUrl: urls.meta,
      metaToken: await sandbox.issueToken(),
      obtainedAt: Date.now(),
    };
  await xano.credentials.put("u-1", credential);
  const ids = sequentialIds("r");
  const metrics = createMetrics();
  const app = await testApp(kv, {
    clock: systemClock,
    ids,
    metrics,
    xano,
    fetch: fetch as typeof globalThis.fetch,
    config: testConfig({ MCP_RATE_LIMIT_IP: "off", MCP_RATE_LIMIT_TOKEN: "off", ...options.env }),
  });
  const { key } = await createApiKeyStore({ kv, clock: systemClock, ids }).create("u-1", {
    name: "reliability",
    scopes: ["xano:read", "xano:write", "xano:deploy"],
    expiresInDays: 1,
    workspaceId: 1,
  });
  return {
    app,
    sandbox,
    key,
    metrics,
    xano,
    async connect() {
      const transport = new StreamableHTTPClientTransport(new URL("http://127.0.0.1:8000/mcp"), {
        requestInit: { headers: { authorization: `Bearer ${key}` } },
        fetch: async (input, init) => await app.fetch(new Request(input, init)),
      });
      const client = new Client({ name: "reliability", version: "1.0.0" });
      await client.connect(transport);
      return client;
    },
  };
}

/**
 * Signs in to the sandbox's auth API like the sign-in page does (login, then
 * `/auth/me` for the Metadata token), with `token_ttl` set only between the
 * two steps: a long-lived sign-in and a short-lived Metadata token.
 */
async function accountSignIn(sandbox: Sandbox, metaTokenTtl?: string): Promise<AccountCredential> {
  const urls = sandbox.urls(ORIGIN);
  const login = await sandbox.fetch(
    new Request(`${urls.auth}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "demo@example.com", password: "demo1234" }),
    }),
  );
  const { authToken } = await login.json() as { authToken: string };
  if (metaTokenTtl) sandbox.faults.set(`token_ttl=${metaTokenTtl}`);
  const me = await fetchAccountMe(
    { fetch: sandbox.fetch, clock: systemClock },
    urls.auth,
    authToken,
  );
  sandbox.faults.clear();
  return {
    kind: "account",
    authUrl: urls.auth,
    metaUrl: urls.meta,
    authToken,
    metaToken: me.apiKey,
    email: "demo@example.com",
    obtainedAt: Date.now(),
  };
}

/** The text of a tool result. */
export function textOf(result: Record<string, unknown>): string {
  return ((result.content ?? []) as { type: string; text?: string }[])
    .map((block) => block.text ?? "").join("\n");
}
