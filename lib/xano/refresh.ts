/**
 * Renewal of a user's Metadata API token after Xano answered 401, shared by
 * every concurrent call:
 *
 * 1. **In the process**, one refresh per user at a time (single flight): every
 *    call that hit the 401 awaits the same promise.
 * 2. **Across processes**, a short KV lease (`keys.credentialLease(userId)`)
 *    elects one refresher. A process that loses waits, re-reading the stored
 *    credential until it changes (then uses it) or the lease is gone (then
 *    tries to take it itself).
 * 3. Before calling Xano the refresher re-reads the stored credential: if it
 *    differs from the one that was rejected, someone already renewed it.
 * 4. The refresher reads `{authUrl}/auth/me` with the stored auth token and
 *    writes the new sealed credential and deletes the lease in one atomic
 *    commit (checked against the version it read).
 *
 * A definitive failure (the auth token was rejected too, the profile has no
 * `api_key`, the same rejected key came back, or the credential is a pasted
 * token) marks the credential `needs_sign_in`, and the error tells the AI to
 * have the user sign in again. A transient failure (Xano down) marks nothing.
 *
 * @module
 */

import type { Clock } from "../clock.ts";
import { SealError } from "../crypto.ts";
import { UnauthorizedError } from "../errors.ts";
import { keys } from "../kv/keys.ts";
import type { CredentialEntry, CredentialStore } from "./credentials.ts";
import { signInRequired, XanoError } from "./errors.ts";
import { fetchAccountMe } from "./sign_in.ts";
import type { XanoObserver } from "./resilience.ts";
import type { CredentialProvider } from "./transport.ts";
import type { XanoCredential } from "./types.ts";

/** Dependencies of {@link createCredentialRefresher}. */
export interface RefresherDeps {
  readonly kv: Deno.Kv;
  readonly store: CredentialStore;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly clock: Clock;
  /** This process's name in leases (default: a random id). */
  readonly holder?: string;
  /** Lease lifetime (default 15 000 ms): longer than one auth/me call. */
  readonly leaseMs?: number;
  /** How often a waiting process re-reads KV (default 50 ms). */
  readonly pollMs?: number;
  /** How long a waiting process waits for another's refresh (default 20 000 ms). */
  readonly waitMs?: number;
  /** Timeout of the auth/me call (default 10 000 ms). */
  readonly timeoutMs?: number;
  /** Receives `refresh` events for metrics. */
  readonly observer?: XanoObserver;
}

/** Refresh counters (for metrics and the burst test). */
export interface RefreshStats {
  /** auth/me calls made to renew a token. */
  readonly upstreamCalls: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Calls that joined an in-process refresh already running. */
  readonly joined: number;
  /** Times a process waited for another process's lease. */
  readonly waitedForLease: number;
}

/** Renews credentials and hands out per-user {@link CredentialProvider}s. */
export interface CredentialRefresher {
  /**
   * Renews the user's credential after `stale` was rejected; see the module notes.
   * With `forced` (the debug "refresh now"), nothing was rejected: an unchanged key
   * from Xano, or a pasted token that has nothing to renew, is kept as it is.
   */
  refresh(userId: string, stale: XanoCredential, options?: RefreshOptions): Promise<XanoCredential>;
  /** The provider a user's {@link XanoClient} uses. */
  forUser(userId: string): CredentialProvider;
  stats(): RefreshStats;
}

/** Options of {@link CredentialRefresher.refresh}. */
export interface RefreshOptions {
  /** Renew on request rather than after a 401 (see {@link CredentialRefresher.refresh}). */
  readonly forced?: boolean;
}

interface Lease {
  readonly holder: string;
  readonly expiresAt: number;
}

/** Creates a {@link CredentialRefresher}. */
export function createCredentialRefresher(deps: RefresherDeps): CredentialRefresher {
  const holder = deps.holder ?? crypto.randomUUID();
  const leaseMs = deps.leaseMs ?? 15_000;
  const pollMs = deps.pollMs ?? 50;
  const waitMs = deps.waitMs ?? 20_000;
  const flights = new Map<string, Promise<XanoCredential>>();
  const counters = { upstreamCalls: 0, succeeded: 0, failed: 0, joined: 0, waitedForLease: 0 };

  /** The stored credential; `cached` accepts the store's short-lived copy (calls, not renewals). */
  async function current(userId: string, cached = false): Promise<CredentialEntry> {
    let entry: CredentialEntry | null;
    try {
      entry = await deps.store.read(userId, { cached });
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      throw signInRequired(
        "the stored credential cannot be opened (was ENCRYPTION_KEY changed?)",
        error,
      );
    }
    if (!entry) throw signInRequired("no Xano credential is stored for this user");
    if (entry.status.state === "needs_sign_in") {
      throw signInRequired(entry.status.reason ?? "the last renewal failed");
    }
    return entry;
  }

  async function fail(userId: string, reason: string, cause?: unknown): Promise<never> {
    counters.failed++;
    deps.observer?.refresh?.("failed");
    await deps.store.markNeedsSignIn(userId, reason);
    throw signInRequired(reason, cause);
  }

  async function tryLease(userId: string): Promise<boolean> {
    const key = keys.credentialLease(userId);
    const existing = await deps.kv.get<Lease>(key);
    if (existing.value && existing.value.expiresAt > deps.clock.now()) return false;
    const lease: Lease = { holder, expiresAt: deps.clock.now() + leaseMs };
    const result = await deps.kv.atomic().check(existing).set(key, lease, { expireIn: leaseMs })
      .commit();
    return result.ok;
  }

  async function renew(
    userId: string,
    entry: CredentialEntry,
    forced: boolean,
  ): Promise<XanoCredential> {
    const credential = entry.credential;
    if (forced && credential.kind !== "account") {
      await deps.kv.delete(keys.credentialLease(userId));
      return credential;
    }
    if (credential.kind !== "account") {
      await deps.kv.delete(keys.credentialLease(userId));
      return await fail(userId, "Xano rejected the pasted Metadata API token; paste a new one");
    }
    counters.upstreamCalls++;
    let apiKey: string;
    try {
      const profile = await fetchAccountMe(
        { fetch: deps.fetch, clock: deps.clock, timeoutMs: deps.timeoutMs ?? 10_000 },
        credential.authUrl,
        credential.authToken,
      );
      apiKey = profile.apiKey;
    } catch (error) {
      await deps.kv.delete(keys.credentialLease(userId));
      if (error instanceof UnauthorizedError) {
        return await fail(userId, "Xano no longer accepts the stored sign-in", error);
      }
      counters.failed++;
      deps.observer?.refresh?.("failed");
      throw new XanoError("Cannot renew the Xano token: Xano's auth API is unavailable", {
        category: "upstream_down",
        nextStep: "Retry in a few seconds; the user does not need to sign in again yet",
        cause: error,
      });
    }
    if (apiKey === credential.metaToken && forced) {
      await deps.kv.delete(keys.credentialLease(userId));
      counters.succeeded++;
      deps.observer?.refresh?.("ok");
      return credential;
    }
    if (apiKey === credential.metaToken) {
      await deps.kv.delete(keys.credentialLease(userId));
      return await fail(userId, "Xano rejected the Metadata API key and the profile still has it");
    }
    const renewed: XanoCredential = {
      ...credential,
      metaToken: apiKey,
      obtainedAt: deps.clock.now(),
    };
    const written = await deps.store.replace(userId, renewed, entry.versionstamp, {
      refreshed: true,
      alsoDelete: [keys.credentialLease(userId)],
    });
    if (!written) {
      // Someone replaced it meanwhile (a new sign-in): theirs wins.
      await deps.kv.delete(keys.credentialLease(userId));
      return (await current(userId)).credential;
    }
    counters.succeeded++;
    deps.observer?.refresh?.("ok");
    return renewed;
  }

  async function flight(
    userId: string,
    stale: XanoCredential,
    forced: boolean,
  ): Promise<XanoCredential> {
    let polls = 0;
    while (true) {
      const entry = await current(userId);
      if (entry.credential.metaToken !== stale.metaToken) return entry.credential;
      if (await tryLease(userId)) {
        // Re-read under the lease: the previous holder may have just finished.
        const fresh = await current(userId);
        if (fresh.credential.metaToken !== stale.metaToken) {
          await deps.kv.delete(keys.credentialLease(userId));
          return fresh.credential;
        }
        return await renew(userId, fresh, forced);
      }
      if (polls === 0) counters.waitedForLease++;
      if (++polls > Math.ceil(waitMs / pollMs)) {
        throw new XanoError("Cannot renew the Xano token: another server is still renewing it", {
          category: "timeout",
          nextStep: "Retry in a few seconds",
        });
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  function refresh(
    userId: string,
    stale: XanoCredential,
    options: RefreshOptions = {},
  ): Promise<XanoCredential> {
    const running = flights.get(userId);
    if (running) {
      counters.joined++;
      deps.observer?.refresh?.("joined");
      return running;
    }
    const promise = flight(userId, stale, options.forced === true).finally(() =>
      flights.delete(userId)
    );
    flights.set(userId, promise);
    return promise;
  }

  return {
    refresh,
    forUser(userId) {
      return {
        subject: userId,
        async get() {
          return (await current(userId, true)).credential;
        },
        refresh: (stale) => refresh(userId, stale),
        async rejected(_credential, reason) {
          await deps.store.markNeedsSignIn(userId, reason);
        },
      };
    },
    stats: () => ({ ...counters }),
  };
}
