/** Shared test fixtures: in-memory KV, configs and quiet loggers. */

import { type AppDeps, createApp } from "../lib/app.ts";
import { manualClock, sequentialIds } from "../lib/clock.ts";
import { type Config, loadConfig } from "../lib/config.ts";
import { createSealer } from "../lib/crypto.ts";
import { silentLogger } from "../lib/log.ts";
import { createMetrics } from "../lib/metrics.ts";

/** A config built from `vars` only (no real environment). */
export function testConfig(vars: Record<string, string> = {}): Config {
  return loadConfig(new Map(Object.entries({ APP_ENV: "test", ...vars })));
}

/** An in-memory KV that closes itself at the end of a `using` block. */
export async function memoryKv(): Promise<Deno.Kv & Disposable> {
  const kv = await Deno.openKv(":memory:");
  return Object.assign(kv, { [Symbol.dispose]: () => kv.close() });
}

/** App dependencies with deterministic clock and ids; override what a test needs. */
export async function testDeps(kv: Deno.Kv, overrides: Partial<AppDeps> = {}): Promise<AppDeps> {
  return {
    config: testConfig(),
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(7)),
    logger: silentLogger,
    metrics: createMetrics(),
    clock: manualClock(),
    ids: sequentialIds("req"),
    fetch: () => Promise.reject(new Error("network disabled in tests")),
    ...overrides,
  };
}

/** Builds the app over an in-memory KV. */
export async function testApp(kv: Deno.Kv, overrides: Partial<AppDeps> = {}) {
  return createApp(await testDeps(kv, overrides));
}
