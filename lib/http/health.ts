/**
 * Liveness and readiness routes. `/health/live` answers while the process
 * runs; `/health/ready` answers 200 only when every registered check passes
 * (KV now; later Xano reachability), and fails closed on any error or timeout.
 *
 * @module
 */

import { Hono } from "hono";

/** A named readiness check; resolve to pass, throw or return a reason string to fail. */
export interface ReadinessCheck {
  readonly name: string;
  run(): Promise<void | string>;
}

/** Options of {@link healthRoutes}. */
export interface HealthOptions {
  readonly checks: readonly ReadinessCheck[];
  /** Per-check time limit in ms (default 2000). */
  readonly timeoutMs?: number;
}

/** Creates the `/health/live` and `/health/ready` routes. */
export function healthRoutes(options: HealthOptions): Hono {
  const app = new Hono();
  const timeoutMs = options.timeoutMs ?? 2_000;

  app.get("/health/live", (c) => c.json({ status: "ok" }));

  app.get("/health/ready", async (c) => {
    const results = await Promise.all(options.checks.map((check) => runCheck(check, timeoutMs)));
    const ready = results.every((result) => result.ok);
    c.header("Cache-Control", "no-store");
    return c.json({
      status: ready ? "ok" : "unavailable",
      checks: Object.fromEntries(results.map((r) => [r.name, r])),
    }, ready ? 200 : 503);
  });

  return app;
}

/** A readiness check that reads a key from KV. */
export function kvCheck(kv: Deno.Kv): ReadinessCheck {
  return {
    name: "kv",
    async run() {
      await kv.get(["health", "probe"]);
    },
  };
}

async function runCheck(
  check: ReadinessCheck,
  timeoutMs: number,
): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms`), timeoutMs);
  });
  try {
    const outcome = await Promise.race([check.run(), timeout]);
    return typeof outcome === "string"
      ? { name: check.name, ok: false, error: outcome }
      : { name: check.name, ok: true };
  } catch (error) {
    return {
      name: check.name,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
