/**
 * The caller's IP address for rate limits and logs. By default the socket's
 * peer address (what `Deno.serve` passes as the handler's second argument,
 * which Hono exposes as `c.env`); behind a reverse proxy set `TRUST_PROXY=1`
 * to use the left-most `X-Forwarded-For` entry instead.
 *
 * @module
 */

import type { Context } from "hono";

/** Returns the client IP, or `"unknown"` when neither source is available. */
export function clientIp(c: Context, options: { trustProxy: boolean }): string {
  if (options.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const env = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return env?.remoteAddr?.hostname ?? "unknown";
}
