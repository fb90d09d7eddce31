/**
 * Composition root: reads the configuration, opens KV, builds the stores and
 * clients, and serves the app. The only module that wires real Deno APIs in.
 *
 * @module
 */

import { createApp } from "./lib/app.ts";
import { randomId, systemClock } from "./lib/clock.ts";
import { ensureKvDir, loadConfigOrExit, sandboxLogFields } from "./lib/startup.ts";
import { createSealer } from "./lib/crypto.ts";
import { loadOrCreateDevKey } from "./lib/dev_key.ts";
import { createLogger } from "./lib/log.ts";
import { createLineWriter } from "./lib/log_writer.ts";
import type { Sandbox } from "./lib/sandbox/mod.ts";
import { createMetrics } from "./lib/metrics.ts";
import { retryOnBusy } from "./lib/kv/busy_retry.ts";
import { loadAssets } from "./lib/web/assets.ts";
import { createXanoAuthenticator } from "./lib/xano/authenticator.ts";
import { xanoMetricsObserver } from "./lib/xano/metrics.ts";
import { createXanoRuntime } from "./lib/xano/mod.ts";

/** How long a graceful shutdown waits for open requests and streams. */
const SHUTDOWN_DRAIN_MS = 5_000;

async function main(): Promise<void> {
  const config = loadConfigOrExit(Deno.env);
  // Request lines are written once per event-loop turn; warnings and errors at once. With
  // OpenTelemetry on, lines go through console, which Deno exports as OTLP logs.
  const lines = config.logThroughConsole ? undefined : createLineWriter();
  globalThis.addEventListener("unload", () => lines?.flush());
  const logger = createLogger({ level: config.logLevel, ...(lines ? { write: lines.write } : {}) });

  let masterKey = config.encryptionKey;
  if (!masterKey) {
    const devKey = await loadOrCreateDevKey(config.dataDir);
    masterKey = devKey.key;
    logger.warn(
      "ENCRYPTION_KEY is not set: using a development key kept on disk; set ENCRYPTION_KEY in production",
      {
        path: devKey.path,
        created: devKey.created,
      },
    );
  }

  await ensureKvDir(config.kvPath);
  // Processes sharing one KV file may find it locked for a moment: retry, never fail the request.
  const kv = retryOnBusy(await Deno.openKv(config.kvPath));
  const sealer = await createSealer(masterKey);

  let sandbox: Sandbox | undefined;
  let xanoFetch: (request: Request) => Promise<Response> = globalThis.fetch;
  if (config.xano.useSandbox) {
    // Loaded only when it stands in for Xano: a start against a real Xano never pays for it.
    const { createSandbox, FaultSpecError, sandboxFetch } = await import("./lib/sandbox/mod.ts");
    try {
      sandbox = createSandbox({
        kv,
        clock: systemClock,
        demoEmail: config.sandbox.demoEmail,
        demoPassword: config.sandbox.demoPassword,
        tokenTtlMs: config.sandbox.tokenTtlMs,
        faults: config.sandbox.faults,
        basePath: "/_sandbox",
        admin: config.env !== "production",
        logger,
      });
    } catch (error) {
      if (!(error instanceof FaultSpecError)) throw error;
      console.error(`error: SANDBOX_FAULTS: ${error.message}`);
      Deno.exit(2);
    }
    await sandbox.ready();
    const urls = sandbox.urls(config.publicUrl);
    logger.warn(
      "No Xano configured (XANO_AUTH_URL, XANO_META_URL): the local Xano sandbox stands in for Xano",
      sandboxLogFields(config, urls),
    );
    if (config.env === "production") {
      logger.error(
        "APP_ENV is production but no Xano is configured: anyone who knows the sandbox demo account can sign in; set XANO_AUTH_URL and XANO_META_URL",
        { demoEmail: config.sandbox.demoEmail },
      );
    }
    // With the sandbox standing in for Xano, its own URLs are answered in process.
    xanoFetch = sandboxFetch(sandbox, config.publicUrl, globalThis.fetch);
  }

  const sandboxUrls = sandbox?.urls(config.publicUrl);

  const metrics = createMetrics();
  const assets = await loadAssets();
  if (!assets.js) {
    logger.warn(
      "static/islands.js is missing: pages work, islands do not; run deno task build:islands",
    );
  }
  const xano = createXanoRuntime({
    kv,
    sealer,
    clock: systemClock,
    fetch: xanoFetch,
    resilience: { timeoutMs: config.xano.timeoutMs, observer: xanoMetricsObserver(metrics) },
    cacheTtlMs: config.xano.cacheTtlMs,
    credentialCacheMs: config.ops.authCacheMs,
    // The sandbox also answers the account-level routes (`/instance`).
    ...(sandbox ? { accountUrl: sandbox.urls(config.publicUrl).meta } : {}),
  });
  const app = createApp({
    config,
    kv,
    sealer,
    logger,
    metrics,
    clock: systemClock,
    ids: randomId,
    fetch: globalThis.fetch,
    sandbox,
    resolveHost: resolveDns,
    web: { assets },
    xano,
    authenticator: createXanoAuthenticator({
      fetch: xanoFetch,
      clock: systemClock,
      authUrl: config.xano.authUrl ?? sandboxUrls?.auth,
      metaUrl: config.xano.metaUrl ?? sandboxUrls?.meta,
    }),
    credentials: xano.credentials,
  });

  const server = Deno.serve({
    hostname: config.host,
    port: config.port,
    onListen: ({ hostname, port }) => {
      logger.info("listening", {
        url: `http://${hostname}:${port}`,
        publicUrl: config.publicUrl,
        env: config.env,
      });
    },
  }, app.fetch);

  // Open MCP event streams would hold a graceful shutdown forever: drain for a few
  // seconds, then close what is left (clients reconnect and resume from KV).
  const shutdown = async () => {
    logger.info("shutting down");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), SHUTDOWN_DRAIN_MS);
    });
    const outcome = await Promise.race([
      server.shutdown().then(() => "drained" as const),
      deadline,
    ]);
    clearTimeout(timer);
    if (outcome === "timeout") {
      logger.warn("shutdown: closing connections still open", { afterMs: SHUTDOWN_DRAIN_MS });
    }
    kv.close();
    lines?.flush();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", shutdown);
  Deno.addSignalListener("SIGTERM", shutdown);
}

/** A and AAAA records of a host, for the SSRF guard; empty when it does not resolve. */
async function resolveDns(hostname: string): Promise<string[]> {
  const lookups = await Promise.allSettled([
    Deno.resolveDns(hostname, "A"),
    Deno.resolveDns(hostname, "AAAA"),
  ]);
  return lookups.flatMap((lookup) => lookup.status === "fulfilled" ? lookup.value : []);
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      console.error(
        `error: ${error.message}\nhint: \`deno task start\` may only write under ./data; keep DATA_DIR and KV_PATH there, or run main.ts with a wider --allow-write`,
      );
      Deno.exit(2);
    }
    throw error;
  }
}
