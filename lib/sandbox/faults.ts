/**
 * Fault injection for reliability tests, driven by a spec string such as
 * `latency=50ms,error_rate=0.1,rate_limit=0.05,drop_rate=0.02,token_ttl=60s,seed=42`.
 *
 * Every request to the Metadata or auth API draws the same six numbers from a
 * seeded PRNG, in the same order, whatever is enabled; so one seed and one
 * sequence of requests always give the same faults. Semantics, in the order
 * they are applied:
 *
 * | key | effect |
 * |---|---|
 * | `latency=50ms` or `latency=20ms..80ms` | waits before answering (fixed or uniform in the range) |
 * | `drop_rate=p` | drops the connection **before** the handler runs (nothing applied) |
 * | `rate_limit=p` | 429 `ERROR_CODE_TOO_MANY_REQUESTS` with `Retry-After` (`retry_after=1s`), before the handler |
 * | `error_rate=p` | 5xx `ERROR_FATAL` (`error_status=500`) **before** the handler: a failed write was not applied |
 * | `error_after_write_rate=p` | runs a write (POST/PUT/PATCH/DELETE), then answers 5xx anyway: the ambiguous case |
 * | `drop_after_write_rate=p` | runs a write, then drops the connection |
 * | `token_ttl=60s` | lifetime of tokens issued from now on (overrides the configured TTL) |
 * | `meta_token_ttl=60s` | lifetime of Metadata API tokens only, so the `/auth/me` refresh path can be tested |
 * | `seed=n` | PRNG seed (default 1); setting a spec restarts the sequence |
 *
 * @module
 */

import { parseDuration } from "../config.ts";

/** A parsed fault spec; all rates are probabilities in [0, 1]. */
export interface FaultSpec {
  readonly latencyMs: number;
  readonly latencyMaxMs: number;
  readonly dropRate: number;
  readonly rateLimit: number;
  readonly retryAfterSeconds: number;
  readonly errorRate: number;
  readonly errorStatus: number;
  readonly errorAfterWriteRate: number;
  readonly dropAfterWriteRate: number;
  readonly tokenTtlMs: number | undefined;
  readonly metaTokenTtlMs: number | undefined;
  readonly seed: number;
}

/** What happens to one request. */
export interface FaultPlan {
  readonly latencyMs: number;
  readonly drop: boolean;
  readonly rateLimited: boolean;
  readonly error: boolean;
  readonly errorAfterWrite: boolean;
  readonly dropAfterWrite: boolean;
}

/** Thrown for an invalid spec; the message names the offending part. */
export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FaultSpecError";
  }
}

/** No faults at all. */
export const NO_FAULTS: FaultSpec = Object.freeze({
  latencyMs: 0,
  latencyMaxMs: 0,
  dropRate: 0,
  rateLimit: 0,
  retryAfterSeconds: 1,
  errorRate: 0,
  errorStatus: 500,
  errorAfterWriteRate: 0,
  dropAfterWriteRate: 0,
  tokenTtlMs: undefined,
  metaTokenTtlMs: undefined,
  seed: 1,
});

const RATES = {
  drop_rate: "dropRate",
  rate_limit: "rateLimit",
  error_rate: "errorRate",
  error_after_write_rate: "errorAfterWriteRate",
  drop_after_write_rate: "dropAfterWriteRate",
} as const;

const KNOWN = [
  "latency",
  ...Object.keys(RATES),
  "retry_after",
  "error_status",
  "token_ttl",
  "meta_token_ttl",
  "seed",
];

/**
 * Parses a spec string; an empty string means no faults.
 *
 * @example
 * ```ts
 * parseFaultSpec("latency=50ms,error_rate=0.1,seed=42").errorRate; // 0.1
 * parseFaultSpec("error_rate=2"); // throws FaultSpecError naming "error_rate=2"
 * ```
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: { -readonly [K in keyof FaultSpec]: FaultSpec[K] } = { ...NO_FAULTS };
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name, value, ...rest] = part.split("=").map((p) => p.trim());
    const bad = (why: string) => new FaultSpecError(`Invalid fault "${part}": ${why}`);
    if (value === undefined || value === "" || rest.length > 0) {
      throw bad("expected name=value");
    }
    if (name in RATES) {
      const rate = Number(value);
      if (!/^\d*\.?\d+$/.test(value) || rate > 1) throw bad("expected a probability from 0 to 1");
      spec[RATES[name as keyof typeof RATES]] = rate;
    } else if (name === "latency") {
      const [low, high = low] = value.split("..").map((v) => parseDuration(v));
      if (low === undefined || high === undefined || high < low) {
        throw bad("expected a duration such as 50ms, or a range such as 20ms..80ms");
      }
      spec.latencyMs = low;
      spec.latencyMaxMs = high;
    } else if (name === "retry_after") {
      const ms = parseDuration(value);
      if (ms === undefined || ms < 1000) throw bad("expected a duration of at least 1s");
      spec.retryAfterSeconds = Math.ceil(ms / 1000);
    } else if (name === "error_status") {
      const status = Number(value);
      if (![500, 502, 503, 504].includes(status)) throw bad("expected 500, 502, 503 or 504");
      spec.errorStatus = status;
    } else if (name === "token_ttl" || name === "meta_token_ttl") {
      const ms = parseDuration(value);
      if (ms === undefined || ms <= 0) throw bad("expected a duration such as 60s or 15m");
      spec[name === "token_ttl" ? "tokenTtlMs" : "metaTokenTtlMs"] = ms;
    } else if (name === "seed") {
      if (!/^\d+$/.test(value)) throw bad("expected a whole number");
      spec.seed = Number(value) >>> 0;
    } else {
      throw bad(`unknown fault "${name}"; known: ${KNOWN.join(", ")}`);
    }
  }
  return Object.freeze(spec);
}

/** Renders a spec back to its string form (only the non-default parts). */
export function formatFaultSpec(spec: FaultSpec): string {
  const parts: string[] = [];
  if (spec.latencyMaxMs > 0) {
    parts.push(
      spec.latencyMs === spec.latencyMaxMs
        ? `latency=${spec.latencyMs}ms`
        : `latency=${spec.latencyMs}ms..${spec.latencyMaxMs}ms`,
    );
  }
  for (const [name, field] of Object.entries(RATES)) {
    if (spec[field] > 0) parts.push(`${name}=${spec[field]}`);
  }
  if (spec.retryAfterSeconds !== 1) parts.push(`retry_after=${spec.retryAfterSeconds}s`);
  if (spec.errorStatus !== 500) parts.push(`error_status=${spec.errorStatus}`);
  if (spec.tokenTtlMs !== undefined) parts.push(`token_ttl=${spec.tokenTtlMs}ms`);
  if (spec.metaTokenTtlMs !== undefined) parts.push(`meta_token_ttl=${spec.metaTokenTtlMs}ms`);
  if (spec.seed !== 1) parts.push(`seed=${spec.seed}`);
  return parts.join(",");
}

/** Holds the active spec and its PRNG; changed at run time by the admin route. */
export interface FaultController {
  /** The active spec. */
  readonly spec: FaultSpec;
  /** Replaces the spec (a string is parsed) and restarts the PRNG from its seed. */
  set(spec: string | FaultSpec): FaultSpec;
  /** Turns every fault off. */
  clear(): void;
  /** Draws the faults of the next request. */
  plan(): FaultPlan;
}

/**
 * Creates a controller, starting from `initial` (a spec or spec string).
 *
 * @example
 * ```ts
 * const faults = createFaultController("error_rate=0.5,seed=7");
 * faults.plan().error; // the same answer for every run with seed 7
 * ```
 */
export function createFaultController(initial: string | FaultSpec = NO_FAULTS): FaultController {
  let spec = typeof initial === "string" ? parseFaultSpec(initial) : initial;
  let random = mulberry32(spec.seed);
  return {
    get spec() {
      return spec;
    },
    set(next) {
      spec = typeof next === "string" ? parseFaultSpec(next) : next;
      random = mulberry32(spec.seed);
      return spec;
    },
    clear() {
      spec = NO_FAULTS;
      random = mulberry32(spec.seed);
    },
    plan() {
      const draws = [random(), random(), random(), random(), random(), random()];
      return {
        latencyMs: spec.latencyMs + Math.floor(draws[0] * (spec.latencyMaxMs - spec.latencyMs + 1)),
        drop: draws[1] < spec.dropRate,
        rateLimited: draws[2] < spec.rateLimit,
        error: draws[3] < spec.errorRate,
        errorAfterWrite: draws[4] < spec.errorAfterWriteRate,
        dropAfterWrite: draws[5] < spec.dropAfterWriteRate,
      };
    },
  };
}

/**
 * A small, fast, seeded PRNG (mulberry32) returning numbers in [0, 1).
 *
 * @example
 * ```ts
 * const next = mulberry32(42);
 * next(); // always the same first value for seed 42
 * ```
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
