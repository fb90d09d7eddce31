/**
 * The sign-in page's {@link Authenticator}, backed by `sign_in.ts`: email and
 * password through the configured auth API (`XANO_AUTH_URL`), or a pasted
 * Metadata API token with its instance URL.
 *
 * @example
 * ```ts
 * const authenticator = createXanoAuthenticator({
 *   fetch, clock: systemClock,
 *   authUrl: config.xano.authUrl, metaUrl: config.xano.metaUrl,
 * });
 * ```
 * @module
 */

import type { Authenticator } from "../auth/authenticator.ts";
import type { Clock } from "../clock.ts";
import { BadRequestError } from "../errors.ts";
import { signInWithMetaToken, signInWithPassword } from "./sign_in.ts";

/** Options of {@link createXanoAuthenticator}. */
export interface XanoAuthenticatorOptions {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly clock: Clock;
  /** Auth API group for email/password sign-in; without it only tokens are accepted. */
  readonly authUrl?: string;
  /** Metadata API base that account sign-ins use. */
  readonly metaUrl?: string;
}

/** Creates an {@link Authenticator} over the Xano sign-in functions. */
export function createXanoAuthenticator(options: XanoAuthenticatorOptions): Authenticator {
  const deps = { fetch: options.fetch, clock: options.clock };
  return {
    password(email, password) {
      if (!options.authUrl || !options.metaUrl) {
        return Promise.reject(
          new BadRequestError(
            "Cannot sign in with a password: this server has no XANO_AUTH_URL and XANO_META_URL; sign in with a Metadata API token instead",
          ),
        );
      }
      return signInWithPassword(deps, {
        authUrl: options.authUrl,
        metaUrl: options.metaUrl,
        email,
        password,
      });
    },
    token(metaUrl, token) {
      return signInWithMetaToken(deps, { metaUrl, token });
    },
  };
}
