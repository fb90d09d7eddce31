/**
 * The compile cache: SDK code → compile result, in KV, keyed by compiler
 * version and the SHA-256 of the input and options, so a new compiler never
 * reads an old entry. Entries expire after `ttlMs` (checked on read, since
 * KV's `expireIn` sweeps lazily); results above 64 KiB are not cached.
 *
 * @example
 * ```ts
 * const cache = createCompileCache({ kv, clock: systemClock, ttlMs: 3_600_000 });
 * const result = await cache.compile(code, { fix: true });
 * cache.stats(); // { hits: 0, misses: 1, skipped: 0 }
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import { sha256Hex } from "../crypto.ts";
import type { CompileResult } from "../xs/sdk/mod.ts";
import { COMPILER_VERSION } from "../xs/sdk/version.ts";
import { keys } from "./keys.ts";
import { getLive } from "./store.ts";

/** The largest serialized result the cache stores (Deno KV's value limit is 64 KiB). */
export const MAX_CACHED_BYTES = 64 * 1024;

/** Options that change a compile's output, and so its cache key. */
export interface CacheableOptions {
  readonly fix?: boolean;
}

/** Counters since the cache was created. */
export interface CompileCacheStats {
  readonly hits: number;
  readonly misses: number;
  /** Results too large to store. */
  readonly skipped: number;
}

/** A compile cache over one KV. */
export interface CompileCache {
  /** The cached result for `code`, or a fresh compile (then stored). */
  compile(code: string, options?: CacheableOptions): Promise<CompileResult>;
  /** The cached result, or `null` when absent or expired. */
  get(code: string, options?: CacheableOptions): Promise<CompileResult | null>;
  /** Stores a result; returns false when it is too large to cache. */
  set(code: string, options: CacheableOptions, result: CompileResult): Promise<boolean>;
  stats(): CompileCacheStats;
}

interface Entry {
  readonly result: CompileResult;
  readonly expiresAt: number;
}

/** Dependencies of {@link createCompileCache}. */
export interface CompileCacheDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly ttlMs: number;
  /**
   * The compiler (default `compileSdkCode`, whose modules load on the first miss); tests
   * count calls through it.
   */
  readonly compiler?: (
    code: string,
    options: CacheableOptions,
  ) => CompileResult | Promise<CompileResult>;
}

/** The cache key of an input: compiler version + SHA-256 of options and code. */
export async function compileCacheKey(
  code: string,
  options: CacheableOptions = {},
): Promise<readonly Deno.KvKeyPart[]> {
  const hash = await sha256Hex(`${JSON.stringify({ fix: options.fix === true })}\n${code}`);
  return keys.compileCache(COMPILER_VERSION, hash);
}

/** Creates a {@link CompileCache}. */
export function createCompileCache(deps: CompileCacheDeps): CompileCache {
  const { kv, clock, ttlMs } = deps;
  const compiler = deps.compiler ?? compileLazily;
  const encoder = new TextEncoder();
  let hits = 0;
  let misses = 0;
  let skipped = 0;

  async function get(code: string, options: CacheableOptions = {}): Promise<CompileResult | null> {
    const entry = await getLive<Entry>(kv, await compileCacheKey(code, options), clock);
    return entry.value?.result ?? null;
  }

  async function set(
    code: string,
    options: CacheableOptions,
    result: CompileResult,
  ): Promise<boolean> {
    const entry: Entry = { result, expiresAt: clock.now() + ttlMs };
    if (encoder.encode(JSON.stringify(entry)).byteLength > MAX_CACHED_BYTES) {
      skipped++;
      return false;
    }
    try {
      await kv.set(await compileCacheKey(code, options), entry, { expireIn: ttlMs });
    } catch (error) {
      // JSON size approximates KV's serialized size; a value KV still refuses is just not cached
      if (!(error instanceof TypeError && /too large/i.test(error.message))) throw error;
      skipped++;
      return false;
    }
    return true;
  }

  return {
    get,
    set,
    async compile(code, options = {}) {
      const cached = await get(code, options);
      if (cached) {
        hits++;
        return cached;
      }
      misses++;
      const result = await compiler(code, options);
      await set(code, options, result);
      return result;
    },
    stats: () => ({ hits, misses, skipped }),
  };
}

/** `compileSdkCode`, imported on first use: the compiler (and acorn) stay out of startup. */
async function compileLazily(code: string, options: CacheableOptions): Promise<CompileResult> {
  const { compileSdkCode } = await import("../xs/sdk/mod.ts");
  return compileSdkCode(code, options);
}
