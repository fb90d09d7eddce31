/**
 * The Xano client family wired together once per process: the credential
 * store, the refresher, shared resilience state and read cache, and the debug
 * operations. `main.ts` builds one {@link XanoRuntime}; the MCP layer asks it
 * for a per-user client with {@link XanoRuntime.clientFor}.
 *
 * @example
 * ```ts
 * const xano = createXanoRuntime({ kv, sealer, clock: systemClock, fetch });
 * const client = xano.clientFor("u-1");
 * await client.listWorkspaces();
 * xano.stats(); // cache hit rate, breaker states, refresh counts
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import type { Sealer } from "../crypto.ts";
import { createReadCache, type ReadCache } from "./cache.ts";
import { createXanoClient, type XanoClient, type XanoClientStats } from "./client.ts";
import { createCredentialStore, type CredentialStore } from "./credentials.ts";
import { createCredentialDebug, type CredentialDebug } from "./debug.ts";
import {
  createCredentialRefresher,
  type CredentialRefresher,
  type RefreshStats,
} from "./refresh.ts";
import { createXanoResilience, type ResilienceOptions, type XanoResilience } from "./resilience.ts";

export type { XanoClient } from "./client.ts";
export { XanoError, type XanoErrorCategory } from "./errors.ts";
export { signInWithMetaToken, signInWithPassword } from "./sign_in.ts";

/** Dependencies and tunables of {@link createXanoRuntime}. */
export interface XanoRuntimeDeps {
  readonly kv: Deno.Kv;
  readonly sealer: Sealer;
  readonly clock: Clock;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly resilience?: ResilienceOptions;
  /** Read-cache lifetime (default 10 000 ms). */
  readonly cacheTtlMs?: number;
  /** Account-level Metadata API (default `https://app.xano.com/api:meta`). */
  readonly accountUrl?: string;
  /** How long an opened credential is reused without reading KV (default 0). */
  readonly credentialCacheMs?: number;
}

/** Everything Xano-related a process shares. */
export interface XanoRuntime {
  readonly credentials: CredentialStore;
  readonly refresher: CredentialRefresher;
  readonly resilience: XanoResilience;
  readonly cache: ReadCache;
  readonly debug: CredentialDebug;
  /** A client acting for `userId` with the stored credential (renewed on 401). */
  clientFor(userId: string): XanoClient;
  /** Counters for `/metrics` and health: cache, breakers, bulkheads, refreshes. */
  stats(): XanoClientStats & { readonly refresh: RefreshStats };
}

/** Creates the process's {@link XanoRuntime}. */
export function createXanoRuntime(deps: XanoRuntimeDeps): XanoRuntime {
  const credentials = createCredentialStore({ ...deps, cacheMs: deps.credentialCacheMs });
  const refresher = createCredentialRefresher({
    kv: deps.kv,
    store: credentials,
    fetch: deps.fetch,
    clock: deps.clock,
    observer: deps.resilience?.observer,
  });
  const resilience = createXanoResilience(deps.resilience);
  const cache = createReadCache({ clock: deps.clock, ttlMs: deps.cacheTtlMs });
  const debug = createCredentialDebug({ store: credentials, refresher, clock: deps.clock });
  return {
    credentials,
    refresher,
    resilience,
    cache,
    debug,
    clientFor: (userId) =>
      createXanoClient({
        fetch: deps.fetch,
        credentials: refresher.forUser(userId),
        resilience,
        cache,
        clock: deps.clock,
        accountUrl: deps.accountUrl,
      }),
    stats: () => ({
      cache: cache.stats(),
      resilience: resilience.stats(),
      refresh: refresher.stats(),
    }),
  };
}
