/**
 * Cross-site request forgery defences for the dashboard's forms: a
 * synchronizer token per session (checked in constant time), a double-submit
 * cookie for the sign-in form (before there is a session), and an Origin /
 * Fetch-Metadata check on every unsafe request.
 *
 * @module
 */

import { randomToken, timingSafeEqual } from "../crypto.ts";

/** Name of the hidden form field that carries the token. */
export const CSRF_FIELD = "csrf";

/** True when `submitted` equals `expected` (constant time; empty never matches). */
export function csrfMatches(expected: string, submitted: unknown): boolean {
  return typeof submitted === "string" && expected.length > 0 &&
    timingSafeEqual(expected, submitted);
}

/**
 * True when an unsafe request comes from our own pages. Browsers that send
 * Fetch Metadata must label it `same-origin`; an `Origin` header, when it names
 * an origin, must be ours. (With `Referrer-Policy: no-referrer` browsers send
 * `Origin: null` on form posts, so Fetch Metadata is what decides there.)
 */
export function isSameOrigin(req: Request, publicUrl: string): boolean {
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== "null") {
    if (origin !== publicUrl && origin !== new URL(req.url).origin) return false;
  }
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  return origin !== "null";
}

/** The cookie that carries the sign-in form's double-submit token. */
export function loginCsrfCookieName(publicUrl: string): string {
  return publicUrl.startsWith("https:") ? "__Host-xm_login_csrf" : "xm_login_csrf";
}

/** A new token and the `Set-Cookie` value that stores it for the sign-in form. */
export function newLoginCsrf(publicUrl: string): { token: string; setCookie: string } {
  const token = randomToken(24);
  const secure = publicUrl.startsWith("https:") ? "; Secure" : "";
  return {
    token,
    setCookie: `${
      loginCsrfCookieName(publicUrl)
    }=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600${secure}`,
  };
}

/** Reads one cookie from a request. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
