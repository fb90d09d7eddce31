/**
 * Operations for the debug toolset: force a refresh, expire tokens on purpose
 * to exercise the renewal path, and show the auth state without secrets.
 *
 * @example
 * ```ts
 * const debug = createCredentialDebug({ store, refresher, clock });
 * await debug.expireTokens("u-1", "meta"); // the next call renews the token
 * await debug.authState("u-1");
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import { sha256Hex } from "../crypto.ts";
import type { CredentialStatus, CredentialStore } from "./credentials.ts";
import { signInRequired } from "./errors.ts";
import type { CredentialRefresher, RefreshStats } from "./refresh.ts";
import type { XanoCredential } from "./types.ts";

/** Which stored tokens {@link CredentialDebug.expireTokens} invalidates. */
export type ExpireWhich = "meta" | "auth" | "both";

/** The auth state shown to the debug tools: no secrets, only short fingerprints. */
export interface AuthState {
  readonly signedIn: boolean;
  readonly status: CredentialStatus | null;
  /** Seconds since the Metadata token was obtained. */
  readonly metaTokenAgeSeconds?: number;
  /** First 8 hex digits of SHA-256 of each token, to tell tokens apart. */
  readonly fingerprints?: { readonly meta: string; readonly auth?: string };
  readonly email?: string;
  readonly refresh: RefreshStats;
}

/** The debug operations. */
export interface CredentialDebug {
  /** Renews the Metadata token now (account sign-ins only); returns the new state. */
  forceRefresh(userId: string): Promise<AuthState>;
  /**
   * Replaces the stored token(s) with invalid ones. `meta` makes the next call
   * exercise the renewal; `auth` (or `both`) makes renewal fail, so the user
   * must sign in again. Returns the new state.
   */
  expireTokens(userId: string, which: ExpireWhich): Promise<AuthState>;
  authState(userId: string): Promise<AuthState>;
}

/** Dependencies of {@link createCredentialDebug}. */
export interface CredentialDebugDeps {
  readonly store: CredentialStore;
  readonly refresher: CredentialRefresher;
  readonly clock: Clock;
}

/** Creates the {@link CredentialDebug} operations. */
export function createCredentialDebug(deps: CredentialDebugDeps): CredentialDebug {
  async function authState(userId: string): Promise<AuthState> {
    const entry = await deps.store.read(userId);
    if (!entry) return { signedIn: false, status: null, refresh: deps.refresher.stats() };
    const credential = entry.credential;
    return {
      signedIn: entry.status.state === "ok",
      status: entry.status,
      metaTokenAgeSeconds: Math.max(
        0,
        Math.round((deps.clock.now() - credential.obtainedAt) / 1000),
      ),
      fingerprints: {
        meta: await fingerprint(credential.metaToken),
        ...(credential.kind === "account" ? { auth: await fingerprint(credential.authToken) } : {}),
      },
      ...(credential.kind === "account" ? { email: credential.email } : {}),
      refresh: deps.refresher.stats(),
    };
  }

  return {
    async forceRefresh(userId) {
      const credential = await deps.store.get(userId);
      if (!credential) throw signInRequired("no Xano credential is stored for this user");
      await deps.refresher.refresh(userId, credential, { forced: true });
      return authState(userId);
    },
    async expireTokens(userId, which) {
      const entry = await deps.store.read(userId);
      if (!entry) throw signInRequired("no Xano credential is stored for this user");
      const expired = `expired-by-debug-${crypto.randomUUID()}`;
      let credential: XanoCredential = entry.credential;
      if (which === "meta" || which === "both") credential = { ...credential, metaToken: expired };
      if ((which === "auth" || which === "both") && credential.kind === "account") {
        credential = { ...credential, authToken: expired };
      }
      await deps.store.replace(userId, credential, entry.versionstamp);
      return authState(userId);
    },
    authState,
  };
}

async function fingerprint(token: string): Promise<string> {
  return (await sha256Hex(token)).slice(0, 8);
}
