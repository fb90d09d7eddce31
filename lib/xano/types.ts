/**
 * Shared types for upstream Xano credentials. The credential is what we seal
 * in KV (see `lib/crypto.ts`); it never leaves the server.
 *
 * @module
 */

/** A user's upstream Xano credential. */
export type XanoCredential = AccountCredential | TokenCredential;

/** Signed in with email and password through an auth API group (`XANO_AUTH_URL`). */
export interface AccountCredential {
  readonly kind: "account";
  /** Base URL of the auth API group, e.g. `https://x.xano.io/api:abc`. */
  readonly authUrl: string;
  /** Metadata API base URL, e.g. `https://x.xano.io/api:meta`. */
  readonly metaUrl: string;
  /** Token from `POST /auth/login`; used to re-read `/auth/me` when the Metadata token expires. */
  readonly authToken: string;
  /** The Metadata API token (`api_key` from `/auth/me`). */
  readonly metaToken: string;
  readonly email: string;
  /** Epoch ms when `metaToken` was obtained. */
  readonly obtainedAt: number;
}

/** A Metadata API token pasted by the user, with its instance URL. */
export interface TokenCredential {
  readonly kind: "token";
  readonly metaUrl: string;
  readonly metaToken: string;
  readonly obtainedAt: number;
}

/** The outcome of a successful upstream sign-in. */
export interface SignInResult {
  /**
   * A stable identity for our user record: `xano:<host>:<xano user id>` for an
   * account, `xano:<host>:<xano user id from auth/me>` for a token as well when
   * the Metadata API reveals it.
   */
  readonly identity: string;
  readonly name: string;
  readonly email?: string;
  readonly credential: XanoCredential;
}
