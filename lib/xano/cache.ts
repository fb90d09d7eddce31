/**
 * A short-TTL, in-process cache for the Xano reads tools repeat (workspace
 * list, table list, table schema, indexes). Entries are grouped by a
 * credential scope, so two credentials never share an entry, and writes made
 * through any client of the same scope drop the entries they may have made
 * stale. Writes made elsewhere (another process, Xano's UI) are seen once the
 * TTL runs out, which is why the TTL is short.
 *
 * @example
 * ```ts
 * const cache = createReadCache({ clock: systemClock, ttlMs: 10_000 });
 * cache.set("scope", "/workspace", [{ id: 1 }]);
 * cache.get("scope", "/workspace"); // [{ id: 1 }]
 * cache.invalidate("scope", ["/workspace"]);
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";

/** Options of {@link createReadCache}. */
export interface ReadCacheOptions {
  readonly clock: Clock;
  /** Entry lifetime (default 10 000 ms). */
  readonly ttlMs?: number;
  /** Total entries kept across scopes; the oldest go first (default 2 000). */
  readonly maxEntries?: number;
}

/** Hit/miss counters for metrics. */
export interface ReadCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly invalidations: number;
  readonly size: number;
  /** hits / (hits + misses), or 0 before the first lookup. */
  readonly hitRate: number;
}

/** The cache; values are shared, so callers must treat them as read-only. */
export interface ReadCache {
  get(scope: string, key: string): unknown;
  set(scope: string, key: string, value: unknown): void;
  /**
   * Drops the scope's entries whose key equals a prefix or continues it with
   * `/` or `?` (so `/workspace/1` drops `/workspace/1/table` but not `/workspace/10`).
   */
  invalidate(scope: string, prefixes: readonly string[]): void;
  /** Drops everything of a scope (for example after the credential changed). */
  clear(scope?: string): void;
  stats(): ReadCacheStats;
}

interface Entry {
  readonly value: unknown;
  readonly expiresAt: number;
}

/** Creates a {@link ReadCache}. */
export function createReadCache(options: ReadCacheOptions): ReadCache {
  const ttlMs = options.ttlMs ?? 10_000;
  const maxEntries = options.maxEntries ?? 2_000;
  const entries = new Map<string, Entry>();
  let hits = 0;
  let misses = 0;
  let invalidations = 0;

  const compose = (scope: string, key: string): string => `${scope}\u0000${key}`;

  return {
    get(scope, key) {
      const full = compose(scope, key);
      const entry = entries.get(full);
      if (entry && entry.expiresAt > options.clock.now()) {
        hits++;
        return entry.value;
      }
      if (entry) entries.delete(full);
      misses++;
      return undefined;
    },
    set(scope, key, value) {
      const full = compose(scope, key);
      entries.delete(full);
      entries.set(full, { value, expiresAt: options.clock.now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    invalidate(scope, prefixes) {
      const head = compose(scope, "");
      for (const full of entries.keys()) {
        if (!full.startsWith(head)) continue;
        const key = full.slice(head.length);
        if (prefixes.some((prefix) => covers(prefix, key))) {
          entries.delete(full);
          invalidations++;
        }
      }
    },
    clear(scope) {
      if (scope === undefined) return entries.clear();
      const head = compose(scope, "");
      for (const full of entries.keys()) if (full.startsWith(head)) entries.delete(full);
    },
    stats() {
      const lookups = hits + misses;
      return {
        hits,
        misses,
        invalidations,
        size: entries.size,
        hitRate: lookups === 0 ? 0 : hits / lookups,
      };
    },
  };
}

function covers(prefix: string, key: string): boolean {
  if (!key.startsWith(prefix)) return false;
  const next = key[prefix.length];
  return next === undefined || next === "/" || next === "?";
}

/** The cache key of a read: path, `?`, then the sorted query (`/workspace?` for the bare list). */
export function cacheKey(path: string, query: URLSearchParams): string {
  if (query.size === 0) return `${path}?`;
  // Code-unit order: canonical without a locale (localeCompare's first call builds an ICU
  // collator, ~10 ms on the first tool call after a start). Encoded by hand: the key is ours,
  // and URLSearchParams' own serialisation is a round trip into the runtime on every call.
  const pairs = [...query].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return `${path}?${
    pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join("&")
  }`;
}

/**
 * The cache prefixes a write to `path` may make stale: record writes touch no
 * cached read; any other write under `/workspace/{id}` drops that workspace's
 * entries and the workspace list (`/workspace?`, which matches no other workspace).
 */
export function stalePrefixes(path: string): string[] {
  if (/^\/workspace\/\d+\/table\/\d+\/(content|truncate)(\/|$)/.test(path)) return [];
  const workspace = /^\/workspace\/\d+/.exec(path)?.[0];
  return workspace ? [workspace, "/workspace?"] : [`${path}?`];
}
