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
}

/** The outcome of a hit. */
export interface RateLimitResult {
  readonly allowed: boolean;
  /** Hits left in the current window (0 when refused). */
  readonly remaining: number;
  /** When refused: ms until a hit would be allowed again. */
  readonly retryAfterMs: number;
}

/** A rate limiter; see {@link createRateLimiter}. */
export interface RateLimiter {
  /** Counts one hit for `subject` in `bucket` and says whether it is allowed. Refused hits are not counted. */
  hit(bucket: string, subject: string, limit: RateLimit): Promise<RateLimitResult>;
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
    const result = await count(bucket, subject, rule);
    if (!result.allowed) onRefused?.(bucket);
    return result;
  }

  async function count(bucket: string, subject: string, rule: RateLimit): Promise<RateLimitResult> {
    if (!(rule.limit > 0) || !(rule.windowMs > 0)) {
      throw new RangeError(`Invalid rate limit for "${bucket}": limit and window must be positive`);
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = clock.now();
      const window = Math.floor(now / rule.windowMs);
      const elapsed = (now - window * rule.windowMs) / rule.windowMs;
      const currentKey = keys.rateLimit(bucket, subject, window);
      const [previous, current] = await kv.getMany<[number, number]>([
        keys.rateLimit(bucket, subject, window - 1),
        currentKey,
      ]);
      const count = current.value ?? 0;
      const weighted = (previous.value ?? 0) * (1 - elapsed) + count;
      if (weighted + 1 > rule.limit) {
        return {
          allowed: false,
          remaining: 0,
          retryAfterMs: retryAfter(rule, previous.value ?? 0, count, elapsed),
        };
      }
      const result = await kv.atomic().check(current).set(currentKey, count + 1, {
        expireIn: rule.windowMs * 2,
      }).commit();
      if (result.ok) {
        return {
          allowed: true,
          remaining: Math.max(0, Math.floor(rule.limit - weighted - 1)),
          retryAfterMs: 0,
        };
      }
    }
    // Heavy contention on one subject is itself a sign of abuse: refuse.
    return { allowed: false, remaining: 0, retryAfterMs: 1_000 };
  }

  return {
    hit,
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

/** Time until the weighted count drops below the limit, or until the next window. */
function retryAfter(rule: RateLimit, previous: number, current: number, elapsed: number): number {
  const untilNextWindow = (1 - elapsed) * rule.windowMs;
  if (current + 1 > rule.limit || previous === 0) return Math.max(1, Math.ceil(untilNextWindow));
  // Solve previous * (1 - t) + current + 1 <= limit for t within this window.
  const t = 1 - (rule.limit - current - 1) / previous;
  return Math.max(1, Math.ceil((t - elapsed) * rule.windowMs));
}
