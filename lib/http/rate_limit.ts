/**
 * Rate limits on `/mcp`, per client IP and per bearer token, shared through KV
 * so they hold across every process sharing it (the sharded limiter of
 * `lib/kv/rate_limit_shards.ts`: decided in memory, counts published with the
 * process's group commit). Checked before authentication (a flood of bad
 * tokens never costs a token lookup); the token subject is its SHA-256, so no
 * token is ever stored. A refused request gets 429, `Retry-After` and a
 * JSON-RPC error body MCP clients show.
 *
 * @example
 * ```ts
 * app.use("/mcp", mcpRateLimit({ limiter, perIp: { limit: 1200, windowMs: 60_000 }, perToken: null, trustProxy: false }));
 * ```
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { sha256Hex } from "../crypto.ts";
import type { ShardedRateLimiter } from "../kv/rate_limit_shards.ts";
import type { RateLimit, RateLimitHit, RateLimitResult } from "../kv/rate_limits.ts";
import { clientIp } from "./client_ip.ts";

/** Options of {@link mcpRateLimit}; a `null` rule is switched off. */
export interface McpRateLimitOptions {
  readonly limiter: ShardedRateLimiter;
  readonly perIp: RateLimit | null;
  readonly perToken: RateLimit | null;
  readonly trustProxy: boolean;
}

/** Bucket names, as they appear in the `rate_limited_total` metric. */
export const MCP_BUCKETS = { ip: "mcp_ip", token: "mcp_token" } as const;

/** The middleware; CORS preflights pass untouched. */
export function mcpRateLimit(options: McpRateLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return await next();
    const hits: RateLimitHit[] = [];
    const who: string[] = [];
    if (options.perIp) {
      const ip = clientIp(c, { trustProxy: options.trustProxy });
      hits.push({ bucket: MCP_BUCKETS.ip, subject: ip, rule: { ...options.perIp, exact: false } });
      who.push("this address");
    }
    const token = /^Bearer\s+(\S+)/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (options.perToken && token) {
      const subject = await sha256Hex(token);
      hits.push({
        bucket: MCP_BUCKETS.token,
        subject,
        rule: { ...options.perToken, exact: false },
      });
      who.push("this token");
    }
    if (hits.length > 0) {
      const results = await options.limiter.hitAll(hits);
      const last = results.length - 1;
      if (!results[last].allowed) return refuse(c, results[last], who[last]);
    }
    await next();
  };
}

function refuse(c: Context, result: RateLimitResult, who: string): Response {
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  return c.json(
    {
      jsonrpc: "2.0",
      error: {
        code: -32000,
        message:
          `Too many requests from ${who}; wait ${seconds} seconds before retrying (Retry-After)`,
      },
      id: null,
    },
    429,
    { "Retry-After": String(seconds), "Cache-Control": "no-store" },
  );
}
