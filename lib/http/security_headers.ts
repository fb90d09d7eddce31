/**
 * Hono middleware that adds security headers to every response, and a strict
 * Content-Security-Policy to HTML responses (scripts only from our origin,
 * no inline script, no framing).
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";

/** The CSP sent with every HTML page. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self' http: https:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /** Send HSTS (only when served over HTTPS). */
  readonly hsts: boolean;
}

/** Creates the security-headers middleware. */
export function securityHeaders(options: SecurityHeadersOptions): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (options.hsts) {
      headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
    if (headers.get("Content-Type")?.startsWith("text/html")) {
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      headers.set("X-Frame-Options", "DENY");
      headers.set("Cross-Origin-Opener-Policy", "same-origin");
      headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
      if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
    }
  };
}
