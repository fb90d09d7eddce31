/**
 * HTTP metrics middleware and the `/metrics` route. The route label is the
 * matched Hono pattern (`/api/:id`), or `unmatched`, so label cardinality stays
 * bounded whatever paths clients send.
 *
 * @module
 */

import { Hono, type MiddlewareHandler } from "hono";
import { timingSafeEqual } from "../crypto.ts";
import type { Metrics } from "../metrics.ts";

/** Records one counter and one latency observation per request. */
export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.req.routePath && c.req.routePath !== "/*" ? c.req.routePath : "unmatched";
    const labels = { route, method: c.req.method };
    metrics.httpRequests.inc({ ...labels, status: String(c.res.status) });
    metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
  };
}

/** Options of {@link metricsRoute}. */
export interface MetricsRouteOptions {
  /** When set, `/metrics` requires `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Runs before each scrape, to set gauges read from elsewhere (active sessions). */
  collect?(): void;
}

/** Serves `GET /metrics` in the Prometheus text format. */
export function metricsRoute(metrics: Metrics, options: MetricsRouteOptions = {}): Hono {
  const app = new Hono();
  app.get("/metrics", async (c) => {
    if (options.token) {
      const presented = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
      if (!timingSafeEqual(presented, options.token)) {
        c.header("WWW-Authenticate", 'Bearer realm="metrics"');
        return c.json({
          error: { code: "unauthorized", message: "Send the metrics token as a bearer token" },
        }, 401);
      }
    }
    options.collect?.();
    return c.body(await metrics.render(), 200, {
      "Content-Type": metrics.registry.contentType,
      "Cache-Control": "no-store",
    });
  });
  return app;
}
