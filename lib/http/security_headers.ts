/**
 * Hono middleware that adds security headers to every response, and a strict
 * Content-Security-Policy to HTML responses (scripts only from our origin,
 * no inline script, no framing).
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { setResponseHeader } from "./response_headers.ts";

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
    const set = (name: string, value: string) => setResponseHeader(c, name, value);
    set("X-Content-Type-Options", "nosniff");
    set("Referrer-Policy", "no-referrer");
    if (options.hsts) set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    if (c.res.headers.get("Content-Type")?.startsWith("text/html")) {
      set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      set("X-Frame-Options", "DENY");
      set("Cross-Origin-Opener-Policy", "same-origin");
      set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
      if (!c.res.headers.has("Cache-Control")) set("Cache-Control", "no-store");
    }
  };
}
