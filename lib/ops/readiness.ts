/**
 * Readiness checks for Xano: reachability (one unauthenticated request to the
 * Metadata API, where any answer below 500 proves Xano is up) and the circuit
 * breaker guarding that host (open means the app has already seen it fail and
 * would refuse calls). Both fail closed: a timeout, a dropped connection, a
 * 5xx or an open breaker make `/health/ready` answer 503.
 *
 * @example
 * ```ts
 * const checks = xanoReadiness({ metaUrl, fetch, breakerState: (h) => resilience.breakerState(h) });
 * createApp({ ...deps, readiness: checks });
 * ```
 * @module
 */

import type { Config } from "../config.ts";
import type { ReadinessCheck } from "../http/health.ts";
import type { Sandbox } from "../sandbox/mod.ts";
import type { XanoRuntime } from "../xano/mod.ts";
import type { BreakerState } from "../xano/resilience.ts";

/** Options of {@link xanoReadiness}. */
export interface XanoReadinessOptions {
  /** The Metadata API base URL (the configured Xano, or the sandbox's). */
  readonly metaUrl: string;
  /** Sends the probe (the real fetch, or the sandbox's in-process one). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The state of the breaker guarding a host. */
  breakerState(host: string): BreakerState;
  /** Probe time limit in ms (default 1500, under the health route's 2 s per check). */
  readonly timeoutMs?: number;
}

/** The `xano` (reachability) and `xano_breaker` checks. */
export function xanoReadiness(options: XanoReadinessOptions): ReadinessCheck[] {
  const host = URL.parse(options.metaUrl)?.host ?? options.metaUrl;
  const probeUrl = `${options.metaUrl.replace(/\/+$/, "")}/auth/me`;
  const timeoutMs = options.timeoutMs ?? 1_500;
  return [
    {
      name: "xano",
      async run() {
        let response: Response;
        try {
          response = await options.fetch(
            new Request(probeUrl, { signal: AbortSignal.timeout(timeoutMs) }),
          );
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          return `Xano at "${host}" is unreachable: ${why}`;
        }
        await response.body?.cancel();
        if (response.status >= 500) return `Xano at "${host}" answered ${response.status}`;
      },
    },
    {
      name: "xano_breaker",
      run() {
        const state = options.breakerState(host);
        return Promise.resolve(
          state === "open" || state === "isolated"
            ? `The circuit breaker for "${host}" is ${state}: recent calls failed`
            : undefined,
        );
      },
    },
  ];
}

/**
 * The app's Xano checks: against `XANO_META_URL` when configured, else against
 * the embedded sandbox (in process); none when the process has no Xano runtime.
 */
export function xanoChecks(deps: {
  readonly config: Config;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly xano?: XanoRuntime;
  readonly sandbox?: Sandbox;
}): ReadinessCheck[] {
  const { xano, sandbox, config } = deps;
  if (!xano) return [];
  const configured = config.xano.metaUrl;
  const metaUrl = configured ?? sandbox?.urls(config.publicUrl).meta;
  if (!metaUrl) return [];
  return xanoReadiness({
    metaUrl,
    fetch: !configured && sandbox ? sandbox.fetch : deps.fetch,
    breakerState: (host) => xano.resilience.breakerState(host),
  });
}
