/**
 * A small cache in front of a slow read (KV, decryption): a loaded value is
 * fresh for `freshMs`; for one more `freshMs` it is stale but still answers
 * while the value is read again in the background, so a steady caller never
 * waits for a read. Concurrent loads of one key share one read. `forget`
 * drops entries and also keeps every read already under way from being
 * cached, so nothing read before a change outlives it. Bounded: past
 * `maxEntries` the least recently loaded entry goes.
 *
 * @example
 * ```ts
 * const grants = createStaleCache({ clock, freshMs: 1_000, load: (id: string) => readGrant(id) });
 * const grant = await grants.get(id);
 * grants.forget(); // after a revocation
 * ```
 * @module
 */

import type { Clock } from "./clock.ts";

/**
 * Options of {@link createStaleCache}. `A` are what a read needs besides the key (a token
 * whose hash is the key, say), passed through `get` and `load`.
 */
export interface StaleCacheOptions<K, V, A extends unknown[] = []> {
  readonly clock: Clock;
  /** How long a loaded value answers without a read (0 or less: never cached). */
  readonly freshMs: number;
  /** Most entries kept (default 10 000). */
  readonly maxEntries?: number;
  /** Reads a value. */
  load(key: K, ...args: A): Promise<V>;
  /** Whether a loaded value may be cached (default: anything but `null` and `undefined`). */
  keep?(value: V): boolean;
  /** A time the value must never be served after (default: none). */
  expiresAt?(value: V): number | undefined;
}

/** What {@link createStaleCache} returns. */
export interface StaleCache<K, V, A extends unknown[] = []> {
  /** The cached value, fresh or stale (then re-read in the background), else a read. */
  get(key: K, ...args: A): Promise<V>;
  /** Reads now (joining a read under way) and caches the result. */
  load(key: K, ...args: A): Promise<V>;
  /** Drops `key`, or everything; reads under way are not cached. */
  forget(key?: K): void;
}

interface Entry<V> {
  readonly value: V;
  readonly freshUntil: number;
  readonly staleUntil: number;
}

/** Creates a {@link StaleCache}. */
export function createStaleCache<K, V, A extends unknown[] = []>(
  options: StaleCacheOptions<K, V, A>,
): StaleCache<K, V, A> {
  const { clock, freshMs } = options;
  const maxEntries = options.maxEntries ?? 10_000;
  const keep = options.keep ?? ((value: V) => value !== null && value !== undefined);
  const entries = new Map<K, Entry<V>>();
  const loading = new Map<K, Promise<V>>();
  let generation = 0;

  function load(key: K, ...args: A): Promise<V> {
    let running = loading.get(key);
    if (running) return running;
    const started = generation;
    running = options.load(key, ...args).then((value) => {
      entries.delete(key);
      if (freshMs > 0 && started === generation && keep(value)) {
        const limit = options.expiresAt?.(value) ?? Infinity;
        const freshUntil = Math.min(clock.now() + freshMs, limit);
        entries.set(key, { value, freshUntil, staleUntil: Math.min(freshUntil + freshMs, limit) });
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return value;
    }).finally(() => loading.delete(key));
    loading.set(key, running);
    return running;
  }

  return {
    async get(key, ...args) {
      const entry = entries.get(key);
      if (entry) {
        const now = clock.now();
        if (entry.freshUntil > now) return entry.value;
        if (entry.staleUntil > now) {
          load(key, ...args).catch(() => entries.delete(key));
          return entry.value;
        }
        entries.delete(key);
      }
      return await load(key, ...args);
    },
    load,
    forget(key) {
      generation++;
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
  };
}
