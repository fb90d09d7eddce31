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
import { requestLog } from "./http/request_log.ts";
import { securityHeaders } from "./http/security_headers.ts";
import type { Logger } from "./log.ts";
import type { WebDeps } from "./web/deps.ts";
import { webRoutes } from "../routes/mod.tsx";

/** Everything the app needs from the outside world. */
export interface AppDeps {
  readonly config: Config;
  readonly kv: Deno.Kv;
  readonly sealer: Sealer;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly fetch: typeof fetch;
  /** Extra readiness checks (Xano reachability and the like). */
  readonly readiness?: readonly ReadinessCheck[];
  /** The dashboard's ports; pages are mounted only when present. */
  readonly web?: WebDeps;
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
  app.use(securityHeaders({ hsts: deps.config.publicUrl.startsWith("https:") }));
  app.onError(jsonErrorHandler);
  app.notFound(jsonNotFound);

  app.route("/", healthRoutes({ checks: [kvCheck(deps.kv), ...(deps.readiness ?? [])] }));
  if (deps.web) app.route("/", webRoutes(deps.web));
  return app;
}
