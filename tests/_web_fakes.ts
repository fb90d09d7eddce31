/**
 * In-memory stand-ins for the dashboard's ports that other workstreams
 * implement for real (sessions, API keys, grants, the Xano credential). The
 * audit log and usage counters are the real KV stores.
 */

import type { Scope } from "../lib/auth/types.ts";
import type { AppDeps } from "../lib/app.ts";
import { type Clock, manualClock, sequentialIds } from "../lib/clock.ts";
import { createAuditStore } from "../lib/kv/audit.ts";
import { createUsageStore } from "../lib/kv/usage.ts";
import { silentLogger } from "../lib/log.ts";
import { type Assets, loadAssets } from "../lib/web/assets.ts";
import type {
  ApiKeyPort,
  ApiKeyView,
  ConnectionPort,
  ConnectionView,
  DashboardSession,
  DeployPort,
  SessionPort,
  ToolDoc,
  WebDeps,
  XanoConnectionView,
  XanoPort,
} from "../lib/web/deps.ts";
import { testConfig, testDeps } from "./_helpers.ts";

export const DEMO = { email: "demo@example.com", password: "demo1234" } as const;
export const COOKIE = "xm_test_session";

/** Sessions: the demo account signs in; the cookie value is the session id. */
export function fakeSessions(): SessionPort & { sessions: Map<string, DashboardSession> } {
  const sessions = new Map<string, DashboardSession>();
  let n = 0;
  return {
    sessions,
    current(req) {
      const cookie = req.headers.get("cookie") ?? "";
      const id = /(?:^|;\s*)xm_test_session=([^;]+)/.exec(cookie)?.[1];
      return Promise.resolve(id ? sessions.get(id) ?? null : null);
    },
    signIn(form) {
      if (form.kind === "account" && form.email === DEMO.email && form.password === DEMO.password) {
        const id = `s${++n}`;
        sessions.set(id, {
          user: { id: "u-demo", name: "Demo User", email: DEMO.email },
          csrfToken: `csrf-${id}-0123456789`,
        });
        return Promise.resolve({
          ok: true,
          setCookie: `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`,
        });
      }
      return Promise.resolve({ ok: false, message: "Wrong email or password" });
    },
    signOut(req) {
      const id = /xm_test_session=([^;]+)/.exec(req.headers.get("cookie") ?? "")?.[1];
      if (id) sessions.delete(id);
      return Promise.resolve(`${COOKIE}=; Path=/; Max-Age=0`);
    },
  };
}

/** Signs a session in directly and returns its cookie header. */
export function sessionCookie(port: ReturnType<typeof fakeSessions>, id = "fixed"): string {
  port.sessions.set(id, {
    user: { id: "u-demo", name: "Demo User", email: DEMO.email },
    csrfToken: `csrf-${id}-0123456789`,
  });
  return `${COOKIE}=${id}`;
}

export function fakeApiKeys(clock: Clock): ApiKeyPort & { keys: Map<string, ApiKeyView> } {
  const keys = new Map<string, ApiKeyView>();
  const ids = sequentialIds("key");
  return {
    keys,
    list: () => Promise.resolve([...keys.values()]),
    create(_userId, input) {
      const id = ids();
      const key: ApiKeyView = {
        id,
        name: input.name,
        scopes: input.scopes,
        createdAt: clock.now(),
        expiresAt: input.expiresInMs === null ? null : clock.now() + input.expiresInMs,
        lastUsedAt: null,
        hint: "xmk_" + id.slice(-2),
      };
      keys.set(id, key);
      return Promise.resolve({ key, secret: `xmk_secret_${id}_abcdef0123456789` });
    },
    revoke: (_userId, keyId) => Promise.resolve(keys.delete(keyId)),
  };
}

export function fakeConnections(
  clock: Clock,
): ConnectionPort & { grants: Map<string, ConnectionView> } {
  const grants = new Map<string, ConnectionView>([
    ["g-1", {
      grantId: "g-1",
      clientId: "client-claude",
      clientName: "Claude",
      redirectHost: "claude.ai",
      scopes: ["xano:read", "xano:write"] as Scope[],
      readOnly: false,
      toolsets: null,
      createdAt: clock.now() - 86_400_000,
      lastUsedAt: clock.now() - 3_600_000,
    }],
    ["g-2", {
      grantId: "g-2",
      clientId: "client-cursor",
      clientName: "Cursor",
      redirectHost: "127.0.0.1:6274",
      scopes: ["xano:read"] as Scope[],
      readOnly: true,
      toolsets: ["tables", "records"],
      createdAt: clock.now() - 3 * 86_400_000,
      lastUsedAt: null,
    }],
  ]);
  return {
    grants,
    list: () => Promise.resolve([...grants.values()]),
    revoke: (_userId, grantId) => Promise.resolve(grants.delete(grantId)),
  };
}

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

export const SAMPLE_TOOLS: readonly ToolDoc[] = [
  {
    name: "xano_list_tables",
    toolset: "tables",
    description: "Lists the tables of a workspace",
    readOnly: true,
    destructive: false,
    inputSchema: {
      type: "object",
      properties: { workspace_id: { type: "integer", description: "Workspace id" } },
      required: ["workspace_id"],
    },
  },
  {
    name: "xano_delete_table",
    toolset: "tables",
    description: "Deletes a table",
    readOnly: false,
    destructive: true,
  },
];

/** The ports, as a bundle the tests can reach into. */
export interface WebFakes {
  readonly sessions: ReturnType<typeof fakeSessions>;
  readonly apiKeys: ReturnType<typeof fakeApiKeys>;
  readonly connections: ReturnType<typeof fakeConnections>;
  readonly xano: ReturnType<typeof fakeXano>;
}

let cachedAssets: Assets | undefined;

/** App deps with the dashboard mounted over fakes plus the real audit and usage stores. */
export async function webTestDeps(
  kv: Deno.Kv,
  options: {
    clock?: Clock;
    publicUrl?: string;
    web?: Partial<WebDeps>;
    deploy?: DeployPort;
  } = {},
): Promise<{ deps: AppDeps; web: WebDeps; fakes: WebFakes }> {
  const clock = options.clock ?? manualClock(Date.UTC(2026, 10, 20, 12));
  const config = testConfig(options.publicUrl ? { PUBLIC_URL: options.publicUrl } : {});
  const fakes: WebFakes = {
    sessions: fakeSessions(),
    apiKeys: fakeApiKeys(clock),
    connections: fakeConnections(clock),
    xano: fakeXano(clock),
  };
  cachedAssets ??= await loadAssets();
  const web: WebDeps = {
    config,
    clock,
    logger: silentLogger,
    assets: cachedAssets,
    ...fakes,
    audit: createAuditStore({ kv, clock, ids: sequentialIds("ev") }),
    usage: createUsageStore({ kv, clock }),
    tools: SAMPLE_TOOLS,
    ...(options.deploy ? { deploy: options.deploy } : {}),
    ...options.web,
  };
  const deps = await testDeps(kv, { config, clock, web });
  return { deps, web, fakes };
}
