/**
 * The typed, resilient Xano Metadata API client: the only code that talks to
 * Xano (with `sign_in.ts` and `refresh.ts` for the auth API). Every method
 * validates Xano's answer with zod, normalises the three list shapes into one
 * {@link Page}, and throws a classified {@link XanoError} on failure. Calls go
 * through the user's bulkhead, retries with backoff, the host's circuit
 * breaker and a per-attempt timeout; a 401 refreshes the credential once.
 *
 * @example
 * ```ts
 * const xano = createXanoClient({
 *   fetch,
 *   credentials: { kind: "token", metaUrl: "https://x.xano.io/api:meta", metaToken, obtainedAt: 0 },
 * });
 * const tables = await xano.listTables(1);
 * const all = await collectPages((page) => xano.listTables(1, { page }), { maxPages: 5 });
 * ```
 * @module
 */

import { type Clock, systemClock } from "../clock.ts";
import { createReadCache, type ReadCache, type ReadCacheStats } from "./cache.ts";
import { signInRequired } from "./errors.ts";
import { type AccountMethods, accountMethods } from "./methods/account.ts";
import { type ContentMethods, contentMethods } from "./methods/content.ts";
import { type LogicMethods, logicMethods } from "./methods/logic.ts";
import { type TableMethods, tableMethods } from "./methods/tables.ts";
import { createXanoResilience, type ResilienceStats, type XanoResilience } from "./resilience.ts";
import { createTransport, type CredentialProvider } from "./transport.ts";
import type { XanoCredential } from "./types.ts";

export type { ListOptions } from "./methods/_shared.ts";
export type {
  MultidocPushOptions,
  MultidocReadOptions,
  RequestHistoryOptions,
} from "./methods/account.ts";
export type {
  BrowseOptions,
  BulkChunkOptions,
  ContentOptions,
  SearchOptions,
} from "./methods/content.ts";
export type {
  NewApiGroup,
  SourceOptions,
  XanoscriptKind,
  XanoscriptTarget,
} from "./methods/logic.ts";
export { FIELD_TYPES } from "./methods/tables.ts";
export type { FieldType, IndexType, NewField, NewTable } from "./methods/tables.ts";
export type { CredentialProvider } from "./transport.ts";
export { type Collected, type CollectOptions, collectPages, type Page } from "./paging.ts";
export type { BulkCreateOptions, BulkReport, ItemResult } from "./bulk.ts";

/** Counters of the shared cache and resilience state, for metrics and health. */
export interface XanoClientStats {
  readonly cache: ReadCacheStats;
  readonly resilience: ResilienceStats;
}

/** Every Metadata API operation the tools need; see each group for the routes. */
export interface XanoClient extends AccountMethods, TableMethods, ContentMethods, LogicMethods {
  /** Cache hit/miss counters, breaker states per host, bulkhead use per user. */
  stats(): XanoClientStats;
}

/** Options of {@link createXanoClient}. */
export interface XanoClientOptions {
  /** The injected `fetch` (the real one in `main.ts`, the sandbox's in tests). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** A fixed credential (never refreshed) or a provider that refreshes on 401. */
  readonly credentials: XanoCredential | CredentialProvider;
  /** Shared breakers, bulkheads and retry settings (default: a private set). */
  readonly resilience?: XanoResilience;
  /** Shared read cache (default: a private one). */
  readonly cache?: ReadCache;
  readonly clock?: Clock;
  /** Account-level Metadata API for `listInstances` (default `https://app.xano.com/api:meta`). */
  readonly accountUrl?: string;
}

/**
 * Creates a {@link XanoClient}. Create one per user per request cheaply; share
 * `resilience` and `cache` across all of them (build both once in `main.ts`).
 */
export function createXanoClient(options: XanoClientOptions): XanoClient {
  const clock = options.clock ?? systemClock;
  const resilience = options.resilience ?? createXanoResilience();
  const cache = options.cache ?? createReadCache({ clock });
  const credentials = "kind" in options.credentials
    ? fixedCredential(options.credentials)
    : options.credentials;
  const transport = createTransport({
    fetch: options.fetch,
    credentials,
    resilience,
    cache,
    clock,
  });
  return rejectInsteadOfThrow({
    ...accountMethods(transport, options.accountUrl ?? "https://app.xano.com/api:meta"),
    ...tableMethods(transport),
    ...contentMethods(transport),
    ...logicMethods(transport),
    stats: () => ({ cache: cache.stats(), resilience: resilience.stats() }),
  });
}

/** Makes an argument check that throws inside a method surface as a rejected promise. */
function rejectInsteadOfThrow(client: XanoClient): XanoClient {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(client)) {
    wrapped[name] = name === "stats" ? method : (...args: unknown[]) => {
      try {
        return (method as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return wrapped as unknown as XanoClient;
}

/**
 * A provider for a credential that cannot be refreshed (a pasted token, the
 * CLI's `XANO_META_TOKEN`): a 401 means the user must supply a new one.
 */
export function fixedCredential(credential: XanoCredential, subject = "fixed"): CredentialProvider {
  return {
    subject,
    get: () => Promise.resolve(credential),
    refresh: () =>
      Promise.reject(
        signInRequired("Xano rejected the Metadata API token, which cannot be renewed"),
      ),
    rejected: () => Promise.resolve(),
  };
}
