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
import { toolDocs, toolsetDescriptions } from "../mcp/tool_docs.ts";
import { XANO_TOOLS } from "../mcp/tools/mod.ts";
import { createAuditStore } from "./kv/audit.ts";
import { createUsageStore } from "./kv/usage.ts";
import { webRoutes } from "../routes/mod.tsx";
import type { Sandbox } from "./sandbox/mod.ts";
import type { Metrics } from "./metrics.ts";
import type { Authenticator, CredentialSink } from "./auth/authenticator.ts";
import type { XanoRuntime } from "./xano/mod.ts";
import { type AuthLimits, createAuthServer } from "./auth/server.ts";
import type { TokenServiceTimes } from "./auth/tokens.ts";
import type { ResolveHost } from "./auth/ssrf.ts";
import { oauthRoutes } from "../routes/oauth.ts";
import { createMcpRoutes, type McpRoutesDeps } from "../mcp/routes.ts";
import { signInRoutes } from "../routes/sign_in.tsx";

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
  /** The Xano client family (credential store, refresher, per-user clients, debug ops). */
  readonly xano?: XanoRuntime;
  /** What `/mcp` needs beyond the common deps: each user's Xano client, the SDK compiler. */
  readonly mcp?: Pick<McpRoutesDeps, "xanoFor" | "instanceOrigin" | "sdk">;
}

/**
 * Creates the Hono app with logging, security headers, error mapping and all routes.
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

  app.route("/", healthRoutes({ checks: [kvCheck(deps.kv), ...(deps.readiness ?? [])] }));
  if (deps.sandbox) app.route("/", deps.sandbox.app);

  const resolveHost = deps.resolveHost ?? (() => Promise.resolve([]));
  const auth = createAuthServer({
    ...deps,
    resolveHost,
    times: deps.authTimes,
    limits: deps.authLimits,
  });
  app.route("/", oauthRoutes(auth));
  app.route("/", signInRoutes(auth, { resolveHost }));
  const audit = createAuditStore({ kv: deps.kv, clock: deps.clock, ids: deps.ids });
  if (deps.web) {
    app.route(
      "/",
      webRoutes({
        ...deps.web,
        tools: deps.web.tools ?? toolDocs(XANO_TOOLS),
        toolsets: toolsetDescriptions(),
        xano: deps.web.xano ?? (deps.xano ? xanoPort(deps.xano) : undefined),
        ...authPorts(auth, { kv: deps.kv, audit }),
        config: deps.config,
        clock: deps.clock,
        logger: deps.logger,
        audit,
        usage: createUsageStore({ kv: deps.kv, clock: deps.clock }),
      }),
    );
  }
  app.route(
    "/",
    createMcpRoutes({ ...deps, verifier: auth.verifier, audit, ...mcpXano(deps) }).app,
  );
  app.route("/", metricsRoute(deps.metrics, { token: deps.config.metricsToken }));
  return app;
}

/** The `/mcp` Xano access; without one, tools that reach Xano say the server is not connected. */
function mcpXano(deps: AppDeps): Pick<McpRoutesDeps, "xanoFor" | "instanceOrigin" | "sdk"> {
  return deps.mcp ?? {
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
