/**
 * Builds the whole HTTP application from its dependencies. `main.ts` supplies
 * real ones; tests supply in-memory KV, manual clocks and fake fetch, then call
 * `app.request(...)` without opening a port.
 *
 * @module
 */

import { Hono } from "hono";
import type { Clock, IdGenerator } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Sealer } from "./crypto.ts";
import { jsonErrorHandler, jsonNotFound } from "./http/errors.ts";
import { healthRoutes, kvCheck, type ReadinessCheck } from "./http/health.ts";
import { httpMetrics, metricsRoute } from "./http/metrics.ts";
import { requestLog } from "./http/request_log.ts";
import { securityHeaders } from "./http/security_headers.ts";
import { UpstreamError } from "./errors.ts";
import type { Logger } from "./log.ts";
import type { WebOptions } from "./web/deps.ts";
import { authPorts } from "./web/auth_ports.ts";
import { xanoPort } from "./web/xano_port.ts";
import { type AuditStore, createAuditStore } from "./kv/audit.ts";
import { createUsageStore } from "./kv/usage.ts";
import { mountLazy } from "./http/lazy_routes.ts";
import { OAUTH_ROUTES, SIGN_IN_ROUTES, WEB_ROUTES } from "../routes/route_tables.ts";
import type { Sandbox } from "./sandbox/mod.ts";
import type { Metrics } from "./metrics.ts";
import type { Authenticator, CredentialSink } from "./auth/authenticator.ts";
import type { XanoRuntime } from "./xano/mod.ts";
import { type AuthLimits, type AuthServer, createAuthServer } from "./auth/server.ts";
import type { TokenServiceTimes } from "./auth/tokens.ts";
import type { ResolveHost } from "./auth/ssrf.ts";
import { createMcpRoutes, type McpRoutesDeps } from "../mcp/routes.ts";
import type { SdkCompiler } from "../mcp/tools/_shared.ts";
import { createCompileCache } from "./kv/compile_cache.ts";
import { createGroupCommit } from "./kv/group_commit.ts";
import { createShardedRateLimiter } from "./kv/rate_limit_shards.ts";
import { mcpRateLimit } from "./http/rate_limit.ts";
import { clientNames, createToolCallRecorder } from "./ops/tool_calls.ts";
import { xanoChecks } from "./ops/readiness.ts";

/** Everything the app needs from the outside world. */
export interface AppDeps {
  readonly config: Config;
  readonly kv: Deno.Kv;
  readonly sealer: Sealer;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly fetch: typeof fetch;
  /** Prometheus instruments; `/metrics` serves them. */
  readonly metrics: Metrics;
  /** Extra readiness checks (Xano reachability and the like). */
  readonly readiness?: readonly ReadinessCheck[];
  /** Dashboard assets and services; the pages are mounted only when present. */
  readonly web?: WebOptions;
  /** The local Xano sandbox, mounted at its base path (`/_sandbox`) when Xano is not configured. */
  readonly sandbox?: Sandbox;
  /** Upstream Xano sign-in for the sign-in page. */
  readonly authenticator?: Authenticator;
  /** Seals signed-in users' Xano credentials. */
  readonly credentials?: CredentialSink;
  /** DNS lookup for SSRF guards (default: resolves nothing, so only IP literals pass). */
  readonly resolveHost?: ResolveHost;
  /** Token lifetimes (tests shorten them). */
  readonly authTimes?: Partial<TokenServiceTimes>;
  /** Sign-in and registration limits (tests tighten them). */
  readonly authLimits?: Partial<AuthLimits>;
  /** What `/mcp` needs beyond the common deps: each user's Xano client, the SDK compiler. */
  readonly mcp?: Pick<McpRoutesDeps, "xanoFor" | "instanceOrigin" | "sdk" | "debugFor">;
  /** The Xano client family (credential store, refresher, per-user clients, debug ops). */
  readonly xano?: XanoRuntime;
}

/**
 * Creates the Hono app with logging, security headers, error mapping and all routes.
 * The OAuth endpoints, sign-in pages and dashboard load their modules on their first
 * request (`lib/http/lazy_routes.ts`), so the first MCP answer after a cold start
 * never waits for page rendering.
 *
 * @example
 * ```ts
 * const app = createApp(deps);
 * const res = await app.request("/health/live");
 * ```
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(requestLog({ logger: deps.logger, ids: deps.ids }));
  app.use(httpMetrics(deps.metrics));
  app.use(securityHeaders({ hsts: deps.config.publicUrl.startsWith("https:") }));
  app.onError(jsonErrorHandler);
  app.notFound(jsonNotFound);

  app.route(
    "/",
    healthRoutes({ checks: [kvCheck(deps.kv), ...xanoChecks(deps), ...(deps.readiness ?? [])] }),
  );
  if (deps.sandbox) app.route("/", deps.sandbox.app);

  const resolveHost = deps.resolveHost ?? (() => Promise.resolve([]));
  const onRateLimited = (bucket: string) => deps.metrics.rateLimited.inc({ bucket });
  const auth = createAuthServer({
    ...deps,
    resolveHost,
    times: deps.authTimes,
    limits: deps.authLimits,
    onRateLimited,
  });
  mountLazy(app, {
    name: "OAuth endpoints",
    routes: OAUTH_ROUTES,
    load: async () => (await import("../routes/oauth.ts")).oauthRoutes(auth),
  });
  mountLazy(app, {
    name: "sign-in pages",
    routes: SIGN_IN_ROUTES,
    load: async () => (await import("../routes/sign_in.tsx")).signInRoutes(auth, { resolveHost }),
  });
  // One group commit for the hot path: a tool call's audit record, its rate-limit counts and
  // its response event share one durable KV commit with those of concurrent calls.
  const writes = createGroupCommit(deps.kv, {
    onCommit: ({ writers, ms, ok }) => {
      deps.metrics.kvCommitDuration.observe({ outcome: ok ? "ok" : "failed" }, ms / 1000);
      deps.metrics.kvCommitWriters.observe(writers);
    },
  });
  const audit = createAuditStore({
    kv: deps.kv,
    writes,
    clock: deps.clock,
    ids: deps.ids,
    retentionMs: deps.config.ops.auditRetentionMs,
  });
  if (deps.web) {
    mountLazy(app, {
      name: "dashboard pages",
      routes: WEB_ROUTES,
      load: () => webApp(deps, deps.web!, auth, audit),
    });
  }
  const mcpLimit = mcpRateLimit({
    limiter: createShardedRateLimiter({
      kv: deps.kv,
      clock: deps.clock,
      writes,
      process: deps.ids(),
      refreshMs: deps.config.ops.mcpLimitSyncMs,
      onRefused: onRateLimited,
    }),
    perIp: deps.config.ops.mcpPerIp,
    perToken: deps.config.ops.mcpPerToken,
    trustProxy: deps.config.auth.trustProxy,
  });
  app.use("/mcp", mcpLimit);
  app.use("/sse", mcpLimit); // the legacy HTTP+SSE transport shares the budget
  app.use("/sse/*", mcpLimit);
  const onToolCall = createToolCallRecorder({
    audit,
    metrics: deps.metrics,
    logger: deps.logger,
    clientName: clientNames(auth),
  });
  const mcp = createMcpRoutes({
    ...deps,
    verifier: auth.verifier,
    writes,
    ...mcpXano(deps),
    onToolCall,
  });
  app.route("/", mcp.app);
  app.route(
    "/",
    metricsRoute(deps.metrics, {
      token: deps.config.metricsToken,
      collect: () => deps.metrics.activeSessions.set(mcp.sessions.localCount),
    }),
  );
  return app;
}

/** The dashboard and public pages, with the tool docs they list (built on first use). */
async function webApp(deps: AppDeps, web: WebOptions, auth: AuthServer, audit: AuditStore) {
  const [{ webRoutes }, { toolDocs, toolsetDescriptions }, { playgroundDeploy }, { XANO_TOOLS }] =
    await Promise.all([
      import("../routes/mod.tsx"),
      import("../mcp/tool_docs.ts"),
      import("../mcp/playground_deploy.ts"),
      import("../mcp/tools/mod.ts"),
    ]);
  return webRoutes({
    ...web,
    tools: web.tools ?? toolDocs(XANO_TOOLS),
    toolsets: toolsetDescriptions(),
    xano: web.xano ?? (deps.xano ? xanoPort(deps.xano) : undefined),
    deploy: web.deploy ??
      (deps.xano || deps.mcp ? playgroundDeploy({ ...mcpXano(deps), audit }) : undefined),
    ...authPorts(auth, { kv: deps.kv, audit }),
    config: deps.config,
    clock: deps.clock,
    logger: deps.logger,
    audit,
    usage: createUsageStore({ kv: deps.kv, clock: deps.clock }),
  });
}

/**
 * The `/mcp` Xano access: an explicit override (tests), else the process's Xano
 * runtime, else a clear "not connected" failure from every tool that reaches Xano.
 */
function mcpXano(
  deps: AppDeps,
): Pick<McpRoutesDeps, "xanoFor" | "instanceOrigin" | "sdk" | "debugFor"> {
  const sdkCompiler = createSdkCompiler(deps);
  if (deps.mcp) return { sdk: sdkCompiler, ...deps.mcp };
  const xano = deps.xano;
  if (xano) {
    return {
      xanoFor: (userId) => Promise.resolve(xano.clientFor(userId)),
      instanceOrigin: async (userId) => {
        const credential = await xano.credentials.get(userId);
        return credential?.metaUrl.replace(/\/api:meta\/?$/, "");
      },
      sdk: sdkCompiler,
      debugFor: (userId) => ({
        authState: () => xano.debug.authState(userId).then((s) => ({ ...s })),
        forceRefresh: () => xano.debug.forceRefresh(userId).then((s) => ({ ...s })),
        expireTokens: (which) => xano.debug.expireTokens(userId, which).then((s) => ({ ...s })),
      }),
    };
  }
  return {
    sdk: sdkCompiler,
    xanoFor: () =>
      Promise.reject(
        new UpstreamError("This server has no Xano connection configured", {
          status: 503,
          details: {
            nextStep: "Ask the server operator to configure XANO_META_URL or the sandbox",
          },
        }),
      ),
  };
}

/**
 * The SDK compiler as the code tools use it (parse, translate, fix, validate; never run),
 * behind the KV compile cache keyed by compiler version and input hash.
 */
function createSdkCompiler(deps: AppDeps): SdkCompiler {
  // The compiler itself (and acorn) loads on the first cache miss.
  const cache = createCompileCache({
    kv: deps.kv,
    clock: deps.clock,
    ttlMs: deps.config.compileCacheTtlMs,
  });
  return {
    async compile(code, options) {
      const before = cache.stats().hits;
      const result = await cache.compile(code, { fix: options.fix });
      deps.metrics.compileCache.inc({ result: cache.stats().hits > before ? "hit" : "miss" });
      return result;
    },
  };
}
