/**
 * Time and identity sources, injected everywhere so tests are deterministic.
 *
 * @module
 */

/** A source of the current time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can move by hand. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
  /** Jumps to an absolute time. */
  set(ms: number): void;
}

/**
 * Creates a {@link ManualClock} starting at `start` (default 2026-01-01T00:00:00Z).
 *
 * @example
 * ```ts
 * const clock = manualClock();
 * clock.advance(60_000);
 * ```
 */
export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    set(ms: number) {
      now = ms;
    },
  };
}

/** Produces unique identifiers; the app uses random UUIDs, tests use counters. */
export type IdGenerator = () => string;

/** Random UUID v4 identifiers. */
export const randomId: IdGenerator = () => crypto.randomUUID();

/**
 * Deterministic identifiers `prefix-1`, `prefix-2`, … for tests.
 *
 * @example
 * ```ts
 * const ids = sequentialIds("grant");
 * ids(); // "grant-1"
 * ```
 */
export function sequentialIds(prefix = "id"): IdGenerator {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
