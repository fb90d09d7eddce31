/**
 * Sealed storage of each user's upstream Xano credential. The credential is
 * sealed with AES-GCM (purpose `"xano-credential"`, AAD = user id) so a KV dump
 * alone reveals nothing and a value cannot be moved to another user; only
 * non-secret metadata (kind, state, times, hosts) is stored in the clear.
 *
 * With `cacheMs`, an opened credential is reused for that long (and for one
 * more `cacheMs` while it is re-opened in the background), so a busy user
 * costs no KV read and no decryption per Xano call. Writes through this store
 * drop the user's cached copy at once; a change made by another process
 * applies within about two `cacheMs` (a renewed token shows up sooner: the old
 * one's 401 makes the refresher read KV afresh).
 *
 * @example
 * ```ts
 * const store = createCredentialStore({ kv, sealer, clock: systemClock });
 * await store.put("u-1", credential);
 * (await store.status("u-1"))?.state; // "ok"
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import type { Sealer } from "../crypto.ts";
import { ConflictError } from "../errors.ts";
import { keys } from "../kv/keys.ts";
import { createStaleCache } from "../stale_cache.ts";
import type { XanoCredential } from "./types.ts";

/** The seal purpose of Xano credentials. */
export const CREDENTIAL_PURPOSE = "xano-credential";

/** `ok`, or `needs_sign_in` once a refresh failed for good. */
export type CredentialState = "ok" | "needs_sign_in";

/** What is stored at `keys.xanoCredential(userId)`. */
export interface StoredCredential {
  readonly version: 1;
  readonly sealed: string;
  readonly kind: XanoCredential["kind"];
  readonly state: CredentialState;
  /** Why sign-in is needed (no secrets). */
  readonly reason?: string;
  readonly metaHost: string;
  readonly authHost?: string;
  readonly obtainedAt: number;
  readonly lastRefreshAt?: number;
  readonly updatedAt: number;
}

/** The credential's state without secrets (for the dashboard and the debug tools). */
export type CredentialStatus = Omit<StoredCredential, "version" | "sealed">;

/** A stored credential, opened, with the version it was read at. */
export interface CredentialEntry {
  readonly credential: XanoCredential;
  readonly status: CredentialStatus;
  readonly versionstamp: string;
}

/** Dependencies of {@link createCredentialStore}. */
export interface CredentialStoreDeps {
  readonly kv: Deno.Kv;
  readonly sealer: Sealer;
  readonly clock: Clock;
  /** How long an opened credential is reused without reading KV (default 0: always read). */
  readonly cacheMs?: number;
}

/** Reads and writes sealed credentials. */
export interface CredentialStore {
  /** The user's credential, or `null` when there is none. Ignores the state; see {@link read}. */
  get(userId: string): Promise<XanoCredential | null>;
  /**
   * The credential with its status and versionstamp, or `null`. With `cached`, a copy opened
   * less than `cacheMs` ago may answer (the call path); otherwise KV is read.
   */
  read(userId: string, options?: { readonly cached?: boolean }): Promise<CredentialEntry | null>;
  /** Stores a credential (state `ok`), replacing any previous one. */
  put(userId: string, credential: XanoCredential): Promise<void>;
  /**
   * Replaces the credential only if it is still at `versionstamp` (a refresh
   * that lost a race changes nothing). Extra atomic steps can ride along
   * (deleting the refresh lease). Returns false when the check failed.
   */
  replace(
    userId: string,
    credential: XanoCredential,
    versionstamp: string,
    options?: { refreshed?: boolean; alsoDelete?: readonly Deno.KvKey[] },
  ): Promise<boolean>;
  delete(userId: string): Promise<void>;
  /** Marks the credential as needing a new sign-in (tools then say so plainly). */
  markNeedsSignIn(userId: string, reason: string): Promise<void>;
  /** State and times without secrets, or `null` when there is no credential. */
  status(userId: string): Promise<CredentialStatus | null>;
}

/** Creates a {@link CredentialStore}. */
export function createCredentialStore(deps: CredentialStoreDeps): CredentialStore {
  const { kv, sealer, clock } = deps;
  const opened = createStaleCache<string, CredentialEntry | null>({
    clock,
    freshMs: deps.cacheMs ?? 0,
    load: open,
    keep: (entry) => entry?.status.state === "ok",
  });
  const forget = (userId: string) => opened.forget(userId);

  async function build(
    userId: string,
    credential: XanoCredential,
    previous: StoredCredential | null,
    refreshed: boolean,
  ): Promise<StoredCredential> {
    const now = clock.now();
    const lastRefreshAt = refreshed ? now : previous?.lastRefreshAt;
    const authHost = credential.kind === "account" ? hostOf(credential.authUrl) : undefined;
    return {
      version: 1,
      sealed: await sealer.seal(CREDENTIAL_PURPOSE, JSON.stringify(credential), userId),
      kind: credential.kind,
      state: "ok",
      metaHost: hostOf(credential.metaUrl),
      ...(authHost ? { authHost } : {}),
      obtainedAt: credential.obtainedAt,
      ...(lastRefreshAt === undefined ? {} : { lastRefreshAt }),
      updatedAt: now,
    };
  }

  /** Reads and opens the stored credential. */
  async function open(userId: string): Promise<CredentialEntry | null> {
    const entry = await kv.get<StoredCredential>(keys.xanoCredential(userId));
    if (entry.value === null || entry.versionstamp === null) return null;
    const credential = JSON.parse(
      await sealer.open(CREDENTIAL_PURPOSE, entry.value.sealed, userId),
    ) as XanoCredential;
    return { credential, status: toStatus(entry.value), versionstamp: entry.versionstamp };
  }

  function read(
    userId: string,
    options: { readonly cached?: boolean } = {},
  ): Promise<CredentialEntry | null> {
    return options.cached ? opened.get(userId) : opened.load(userId);
  }

  return {
    async get(userId) {
      return (await read(userId))?.credential ?? null;
    },
    read,
    async put(userId, credential) {
      forget(userId);
      const key = keys.xanoCredential(userId);
      const previous = await kv.get<StoredCredential>(key);
      await kv.set(key, await build(userId, credential, previous.value, false));
      forget(userId);
    },
    async replace(userId, credential, versionstamp, options = {}) {
      forget(userId);
      const key = keys.xanoCredential(userId);
      const previous = await kv.get<StoredCredential>(key);
      if (previous.versionstamp !== versionstamp) return false;
      const value = await build(userId, credential, previous.value, options.refreshed ?? false);
      const op = kv.atomic().check({ key, versionstamp }).set(key, value);
      for (const extra of options.alsoDelete ?? []) op.delete(extra);
      const { ok } = await op.commit();
      forget(userId);
      return ok;
    },
    async delete(userId) {
      forget(userId);
      await kv.delete(keys.xanoCredential(userId));
      forget(userId);
    },
    async markNeedsSignIn(userId, reason) {
      forget(userId);
      const key = keys.xanoCredential(userId);
      for (let attempt = 0; attempt < 5; attempt++) {
        const entry = await kv.get<StoredCredential>(key);
        if (entry.value === null) return;
        const value: StoredCredential = {
          ...entry.value,
          state: "needs_sign_in",
          reason,
          updatedAt: clock.now(),
        };
        const result = await kv.atomic().check(entry).set(key, value).commit();
        forget(userId);
        if (result.ok) return;
      }
      throw new ConflictError(
        "Cannot mark the Xano credential: it kept changing during the update",
      );
    },
    async status(userId) {
      const entry = await kv.get<StoredCredential>(keys.xanoCredential(userId));
      return entry.value === null ? null : toStatus(entry.value);
    },
  };
}

function toStatus(stored: StoredCredential): CredentialStatus {
  return {
    state: stored.state,
    kind: stored.kind,
    ...(stored.reason === undefined ? {} : { reason: stored.reason }),
    metaHost: stored.metaHost,
    ...(stored.authHost === undefined ? {} : { authHost: stored.authHost }),
    obtainedAt: stored.obtainedAt,
    ...(stored.lastRefreshAt === undefined ? {} : { lastRefreshAt: stored.lastRefreshAt }),
    updatedAt: stored.updatedAt,
  };
}

function hostOf(url: string): string {
  return URL.parse(url)?.host ?? "invalid";
}
