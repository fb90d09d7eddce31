/**
 * Process-wide resilience state for Xano calls, built on `cockatiel`: one
 * circuit breaker per Xano host, one bulkhead per user, the retry and timeout
 * settings, and counters. Create one in `main.ts` and share it between every
 * client so that breakers and bulkheads see all traffic.
 *
 * Layering of one logical request (outermost first):
 * `bulkhead(user) → retry → breaker(host) → timeout → fetch`.
 * The bulkhead bounds a user's concurrent operations (retries included); the
 * breaker sees every attempt; the timeout aborts one attempt.
 *
 * @example
 * ```ts
 * const resilience = createXanoResilience({ timeoutMs: 15_000 });
 * resilience.breakerState("x.xano.io"); // "closed"
 * ```
 * @module
 */

import {
  BrokenCircuitError,
  bulkhead,
  type BulkheadPolicy,
  circuitBreaker,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  handleWhen,
  retry,
  type RetryPolicy,
  timeout,
  type TimeoutPolicy,
  TimeoutStrategy,
} from "cockatiel";
import { XanoError } from "./errors.ts";

/** Tunables; every field has a production default. */
export interface ResilienceOptions {
  /** Per-attempt timeout (default 20 000 ms). */
  readonly timeoutMs?: number;
  /**
   * Budget of one request across all its attempts and backoffs (default 45 000 ms):
   * once spent, no further attempt starts and a running one is aborted.
   */
  readonly deadlineMs?: number;
  /** Attempts per request including the first (default 4). */
  readonly maxAttempts?: number;
  /** First backoff delay (default 200 ms); doubles per attempt with full jitter. */
  readonly baseDelayMs?: number;
  /** Backoff cap (default 5 000 ms). */
  readonly maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for; the 429 goes to the caller (default 30 000 ms). */
  readonly maxRetryAfterMs?: number;
  /** Consecutive upstream failures that open a host's breaker (default 5). */
  readonly breakerThreshold?: number;
  /** How long an open breaker waits before letting one trial call through (default 10 000 ms). */
  readonly halfOpenAfterMs?: number;
  /** Concurrent operations per user (default 5). */
  readonly bulkheadLimit?: number;
  /** Operations a user may queue behind the running ones (default 200). */
  readonly bulkheadQueue?: number;
  /** Source of jitter in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** Receives events for metrics (default: none). */
  readonly observer?: XanoObserver;
}

/**
 * Events the client family reports, for metrics. `lib/xano/metrics.ts` maps
 * them onto the app's Prometheus instruments; tests may record them.
 */
export interface XanoObserver {
  /** One HTTP attempt finished: `status` is `2xx`…`5xx`, `network` or `timeout`. */
  attempt?(host: string, status: string, durationMs: number): void;
  /** A call failed for good with this category. */
  failure?(category: string): void;
  /** A host's breaker changed state. */
  breaker?(host: string, state: BreakerState): void;
  /** A cacheable read was served from the cache (`hit`) or not (`miss`). */
  cache?(result: "hit" | "miss"): void;
  /** A credential refresh ended: `ok`, `failed`, or `joined` (shared another's refresh). */
  refresh?(outcome: "ok" | "failed" | "joined"): void;
}

/** A breaker's state, for health and metrics. */
export type BreakerState = "closed" | "open" | "half-open" | "isolated";

/** Counters exposed through {@link XanoResilience.stats}. */
export interface ResilienceStats {
  readonly requests: number;
  readonly attempts: number;
  readonly retries: number;
  readonly rateLimited: number;
  readonly timeouts: number;
  readonly breakerRejections: number;
  readonly bulkheadRejections: number;
  readonly breakers: Readonly<Record<string, BreakerState>>;
  readonly bulkheads: Readonly<Record<string, { active: number; queued: number }>>;
}

/** Shared breakers, bulkheads and settings. */
export interface XanoResilience {
  readonly settings: Readonly<Required<Omit<ResilienceOptions, "random" | "observer">>>;
  /** Where events go (a no-op observer when none was given). */
  readonly observer: XanoObserver;
  /** The breaker guarding `host` (created on first use). */
  breaker(host: string): CircuitBreakerPolicy;
  /** The bulkhead of `subject` (a user id; created on first use). */
  bulkhead(subject: string): BulkheadPolicy;
  breakerState(host: string): BreakerState;
  /** Retry policy for idempotent calls, or for calls that may only be retried when unsent. */
  retry(idempotent: boolean): RetryPolicy;
  /** Per-attempt timeout (aggressive: rejects on time even if `fetch` ignores the signal). */
  readonly timeout: TimeoutPolicy;
  /**
   * Backoff before retry number `attempt` (1-based): exponential with "equal
   * jitter" (between half and all of `base·2^(attempt-1)`, capped), or a rate
   * limit's `Retry-After` plus a little jitter.
   */
  delayFor(attempt: number, error: unknown): number;
  /** Increments a counter. */
  count(counter: CounterName): void;
  stats(): ResilienceStats;
}

/** Names of the counters in {@link ResilienceStats}. */
export type CounterName =
  | "requests"
  | "attempts"
  | "retries"
  | "rateLimited"
  | "timeouts"
  | "breakerRejections"
  | "bulkheadRejections";

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "isolated",
};

/** Whether a failure says something about the host's health (and so counts for its breaker). */
export function isHostFailure(error: unknown): boolean {
  return error instanceof XanoError &&
    (error.category === "upstream_down" || error.category === "timeout" ||
      error.category === "unknown_outcome");
}

/**
 * Whether a failed attempt may be repeated. Rate limits are retried for every
 * call (Xano rejected the request before running it) unless `Retry-After` is
 * too long; a request that provably never reached Xano is retried for every
 * call; other transient failures only for idempotent calls.
 */
export function shouldRetry(error: unknown, idempotent: boolean, maxRetryAfterMs: number): boolean {
  if (!(error instanceof XanoError)) return false;
  // An open breaker fails fast on purpose; backing off and asking again would only add delay.
  if (error.cause instanceof BrokenCircuitError) return false;
  if (error.category === "rate_limited") {
    return (error.retryAfterMs ?? 0) <= maxRetryAfterMs;
  }
  if (error.delivered === "no") return error.category !== "busy";
  if (!idempotent) return false;
  return error.category === "upstream_down" || error.category === "timeout" ||
    error.category === "unknown_outcome";
}

/**
 * Creates the shared resilience state.
 *
 * @example
 * ```ts
 * const resilience = createXanoResilience({ bulkheadLimit: 5, halfOpenAfterMs: 10_000 });
 * ```
 */
export function createXanoResilience(options: ResilienceOptions = {}): XanoResilience {
  const settings = {
    timeoutMs: options.timeoutMs ?? 20_000,
    deadlineMs: options.deadlineMs ?? 45_000,
    maxAttempts: options.maxAttempts ?? 4,
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 5_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    breakerThreshold: options.breakerThreshold ?? 5,
    halfOpenAfterMs: options.halfOpenAfterMs ?? 10_000,
    bulkheadLimit: options.bulkheadLimit ?? 5,
    bulkheadQueue: options.bulkheadQueue ?? 200,
  };
  const random = options.random ?? Math.random;
  const observer = options.observer ?? {};
  const breakers = new Map<string, CircuitBreakerPolicy>();
  const bulkheads = new Map<string, BulkheadPolicy>();
  const counters: Record<CounterName, number> = {
    requests: 0,
    attempts: 0,
    retries: 0,
    rateLimited: 0,
    timeouts: 0,
    breakerRejections: 0,
    bulkheadRejections: 0,
  };

  function breakerFor(host: string): CircuitBreakerPolicy {
    let policy = breakers.get(host);
    if (!policy) {
      policy = circuitBreaker(handleWhen(isHostFailure), {
        halfOpenAfter: settings.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(settings.breakerThreshold),
      });
      policy.onStateChange((state) => observer.breaker?.(host, STATE_NAMES[state]));
      breakers.set(host, policy);
    }
    return policy;
  }

  function bulkheadFor(subject: string): BulkheadPolicy {
    let policy = bulkheads.get(subject);
    if (!policy) {
      policy = bulkhead(settings.bulkheadLimit, settings.bulkheadQueue);
      bulkheads.set(subject, policy);
    }
    return policy;
  }

  function makeRetry(idempotent: boolean): RetryPolicy {
    const policy = retry(
      handleWhen((error) => shouldRetry(error, idempotent, settings.maxRetryAfterMs)),
      {
        maxAttempts: settings.maxAttempts - 1,
        backoff: new DelegateBackoff((context) =>
          delayFor(context.attempt, "error" in context.result ? context.result.error : undefined)
        ),
      },
    );
    policy.onRetry(() => counters.retries++);
    return policy;
  }

  function delayFor(attempt: number, error: unknown): number {
    if (error instanceof XanoError && error.retryAfterMs !== undefined) {
      // A little jitter spreads the herd that one shared Retry-After would line up.
      return error.retryAfterMs + Math.floor(random() * settings.baseDelayMs);
    }
    const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(ceiling / 2 + random() * (ceiling / 2));
  }

  const retries = { idempotent: makeRetry(true), other: makeRetry(false) };
  const attemptTimeout = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
  attemptTimeout.onTimeout(() => counters.timeouts++);

  return {
    settings,
    observer,
    retry: (idempotent) => idempotent ? retries.idempotent : retries.other,
    timeout: attemptTimeout,
    breaker: breakerFor,
    bulkhead: bulkheadFor,
    breakerState: (host) => STATE_NAMES[breakers.get(host)?.state ?? CircuitState.Closed],
    delayFor,
    count(counter) {
      counters[counter]++;
    },
    stats() {
      const breakerStates: Record<string, BreakerState> = {};
      for (const [host, policy] of breakers) breakerStates[host] = STATE_NAMES[policy.state];
      const bulkheadStates: Record<string, { active: number; queued: number }> = {};
      for (const [subject, policy] of bulkheads) {
        bulkheadStates[subject] = {
          active: settings.bulkheadLimit - policy.executionSlots,
          queued: settings.bulkheadQueue - policy.queueSlots,
        };
      }
      return { ...counters, breakers: breakerStates, bulkheads: bulkheadStates };
    },
  };
}
