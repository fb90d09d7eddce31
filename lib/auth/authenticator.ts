/**
 * The seams between the sign-in page and upstream Xano. The page asks an
 * {@link Authenticator} to sign a person in (email and password through the
 * configured auth API, or a Metadata API token) and hands the resulting
 * credential to a {@link CredentialSink}, which seals it in KV. `main.ts` wires
 * the real implementations from `lib/xano/`; tests pass small fakes.
 *
 * @module
 */

import type { SignInResult, XanoCredential } from "../xano/types.ts";

/** Signs a person in upstream. Throws an `AppError` (401 for wrong credentials, 502/503 upstream). */
export interface Authenticator {
  password(email: string, password: string): Promise<SignInResult>;
  token(metaUrl: string, token: string): Promise<SignInResult>;
}

/** Stores a user's upstream credential (sealed). */
export interface CredentialSink {
  put(userId: string, credential: XanoCredential): Promise<void>;
}

/**
 * Normalises what a person types as "instance URL" to a Metadata API base URL:
 * an origin gets `/api:meta` appended; a URL already ending in `/api:meta` is kept.
 * Returns `null` for anything that is not an http(s) URL without query or fragment.
 *
 * @example
 * ```ts
 * metaApiUrl("https://x1.n7.xano.io/"); // "https://x1.n7.xano.io/api:meta"
 * ```
 */
export function metaApiUrl(input: string): string | null {
  const url = URL.parse(input.trim());
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return null;
  if (url.search || url.hash || url.username || url.password) return null;
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path.endsWith("/api:meta") ? path : `${path}/api:meta`}`;
}
