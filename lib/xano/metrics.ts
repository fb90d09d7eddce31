/**
 * Maps the Xano client's events onto the app's Prometheus instruments
 * (`lib/metrics.ts`): upstream requests and latency by host and status
 * class, classified failures, breaker state per host, read-cache hits and
 * misses, and credential refreshes.
 *
 * @example
 * ```ts
 * const runtime = createXanoRuntime({
 *   kv, sealer, clock, fetch,
 *   resilience: { observer: xanoMetricsObserver(metrics) },
 * });
 * ```
 * @module
 */

import { CIRCUIT_STATE, type Metrics } from "../metrics.ts";
import type { XanoObserver } from "./resilience.ts";

/** A {@link XanoObserver} that records into `metrics`. */
export function xanoMetricsObserver(metrics: Metrics): XanoObserver {
  return {
    attempt(host, status, durationMs) {
      metrics.upstreamRequests.inc({ host, status });
      metrics.upstreamDuration.observe({ host }, durationMs / 1000);
    },
    failure(category) {
      metrics.upstreamErrors.inc({ category });
    },
    breaker(host, state) {
      const value = state === "open" || state === "isolated"
        ? CIRCUIT_STATE.open
        : state === "half-open"
        ? CIRCUIT_STATE.half_open
        : CIRCUIT_STATE.closed;
      metrics.circuitState.set({ host }, value);
    },
    cache(result) {
      metrics.xanoCache.inc({ result });
    },
    refresh(outcome) {
      metrics.credentialRefreshes.inc({ outcome });
    },
  };
}
