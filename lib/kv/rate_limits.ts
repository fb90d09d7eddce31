/**
 * A KV-backed sliding-window rate limiter, shared by every process that shares
 * the KV. Each (bucket, subject) keeps one counter per fixed window; a hit is
 * allowed while the weighted sum of the previous and the current window stays
 * under the limit (the "sliding window counter" approximation), so bursts at a
 * window boundary cannot double the rate.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ kv, clock: systemClock });
 * await limiter.consume("signin_ip", "203.0.113.9", { limit: 20, windowMs: 60_000 });
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import { RateLimitError } from "../errors.ts";
import { keys } from "./keys.ts";

/** One limit: at most `limit` hits per `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
  /**
   * `true` (default): never more than `limit`, at the cost of retries under contention (sign-in).
   * `false`: no contention at all, overshoot bounded by concurrent hits (high-volume endpoints).
   */
  readonly exact?: boolean;
}

/** The outcome of a hit. */
export interface RateLimitResult {
  readonly allowed: boolean;
  /** Hits left in the current window (0 when refused). */
  readonly remaining: number;
  /** When refused: ms until a hit would be allowed again. */
  readonly retryAfterMs: number;
}

/** One hit of {@link RateLimiter.hitAll}. */
export interface RateLimitHit {
  readonly bucket: string;
  readonly subject: string;
  readonly rule: RateLimit;
}

/** A rate limiter; see {@link createRateLimiter}. */
export interface RateLimiter {
  /** Counts one hit for `subject` in `bucket` and says whether it is allowed. Refused hits are not counted. */
  hit(bucket: string, subject: string, limit: RateLimit): Promise<RateLimitResult>;
  /**
   * Counts several hits in order, in one read and one atomic commit: stops at the first refused
   * one (which, like the ones after it, is not counted) and returns the results up to it.
   */
  hitAll(hits: readonly RateLimitHit[]): Promise<RateLimitResult[]>;
  /** Like {@link RateLimiter.hit} but throws a {@link RateLimitError} (429 + Retry-After) when refused. */
  consume(bucket: string, subject: string, limit: RateLimit, message?: string): Promise<void>;
  /** Forgets the current window's hits (for example after a successful sign-in). */
  reset(bucket: string, subject: string, limit: RateLimit): Promise<void>;
}

/** Dependencies of {@link createRateLimiter}. */
export interface RateLimiterDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  /** Told about every refused hit (metrics). */
  onRefused?(bucket: string): void;
}

const MAX_ATTEMPTS = 8;

/** Creates a {@link RateLimiter} over `kv`. */
export function createRateLimiter({ kv, clock, onRefused }: RateLimiterDeps): RateLimiter {
  async function hit(bucket: string, subject: string, rule: RateLimit): Promise<RateLimitResult> {
    return (await hitAll([{ bucket, subject, rule }]))[0];
  }

  async function hitAll(hits: readonly RateLimitHit[]): Promise<RateLimitResult[]> {
    const results = await count(hits);
    const refused = results.at(-1);
    if (refused && !refused.allowed) onRefused?.(hits[results.length - 1].bucket);
    return results;
  }

  /** Counts `hits` in order up to the first refusal, in one read and one atomic commit. */
  async function count(hits: readonly RateLimitHit[]): Promise<RateLimitResult[]> {
    for (const { bucket, rule } of hits) {
      if (!(rule.limit > 0) || !(rule.windowMs > 0)) {
        throw new RangeError(
          `Invalid rate limit for "${bucket}": limit and window must be positive`,
        );
      }
    }
    for (let attempt = 0;; attempt++) {
      const now = clock.now();
      const windows = hits.map(({ bucket, subject, rule }) => {
        const window = Math.floor(now / rule.windowMs);
        return {
          elapsed: (now - window * rule.windowMs) / rule.windowMs,
          previousKey: keys.rateLimit(bucket, subject, window - 1),
          currentKey: keys.rateLimit(bucket, subject, window),
        };
      });
      const entries = await kv.getMany<Counter[]>(
        windows.flatMap((w) => [w.previousKey, w.currentKey]),
      );
      const results: RateLimitResult[] = [];
      const op = kv.atomic();
      let contended = false;
      for (const [i, { rule }] of hits.entries()) {
        const { elapsed, currentKey } = windows[i];
        const previous = entries[2 * i], current = entries[2 * i + 1];
        const before = valueOf(previous.value);
        const count = valueOf(current.value);
        const weighted = before * (1 - elapsed) + count;
        if (weighted + 1 > rule.limit) {
          results.push({
            allowed: false,
            remaining: 0,
            retryAfterMs: retryAfter(rule, before, count, elapsed),
          });
          break;
        }
        // An exact limit compares and sets. Otherwise the window's counter is created once (with
        // its expiry) and then only summed, so concurrent hits never conflict; a burst may pass
        // the limit by the number of hits in flight.
        const exact = rule.exact !== false;
        if (exact) contended = true;
        if (exact || current.versionstamp === null) {
          op.check(current).set(currentKey, new Deno.KvU64(BigInt(count + 1)), {
            expireIn: rule.windowMs * 2,
          });
        } else {
          op.sum(currentKey, 1n);
        }
        results.push({
          allowed: true,
          remaining: Math.max(0, Math.floor(rule.limit - weighted - 1)),
          retryAfterMs: 0,
        });
      }
      if (contended && attempt >= MAX_ATTEMPTS) {
        // Heavy contention on one subject of an exact limit is itself a sign of abuse: refuse.
        return [{ allowed: false, remaining: 0, retryAfterMs: 1_000 }];
      }
      if (!results.some((r) => r.allowed) || (await op.commit()).ok) return results;
    }
  }

  return {
    hit,
    hitAll,
    async consume(bucket, subject, rule, message) {
      const result = await hit(bucket, subject, rule);
      if (!result.allowed) {
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        throw new RateLimitError(
          message ?? `Too many requests; try again in ${seconds} seconds`,
          seconds,
        );
      }
    },
    async reset(bucket, subject, rule) {
      const window = Math.floor(clock.now() / rule.windowMs);
      await kv.atomic()
        .delete(keys.rateLimit(bucket, subject, window))
        .delete(keys.rateLimit(bucket, subject, window - 1))
        .commit();
    },
  };
}

/** A window counter: a KvU64 (or a plain number written by older versions). */
type Counter = Deno.KvU64 | number;

function valueOf(counter: Counter | null): number {
  if (counter === null) return 0;
  return typeof counter === "number" ? counter : Number(counter.value);
}

/** Time until the weighted count drops below the limit, or until the next window (ms). */
export function retryAfter(
  rule: RateLimit,
  previous: number,
  current: number,
  elapsed: number,
): number {
  const untilNextWindow = (1 - elapsed) * rule.windowMs;
  if (current + 1 > rule.limit || previous === 0) return Math.max(1, Math.ceil(untilNextWindow));
  // Solve previous * (1 - t) + current + 1 <= limit for t within this window.
  const t = 1 - (rule.limit - current - 1) / previous;
  return Math.max(1, Math.ceil((t - elapsed) * rule.windowMs));
}
