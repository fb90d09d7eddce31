/**
 * Standalone local Xano sandbox (`deno task sandbox`): serves the Metadata API
 * at `http://HOST:SANDBOX_PORT/api:meta` and the auth API at `…/api:auth`,
 * keeping state in the same KV as the app (`KV_PATH`). Faults come from
 * `SANDBOX_FAULTS` and can be changed at `/_admin/faults` outside production.
 *
 * @module
 */

import { systemClock } from "./lib/clock.ts";
import type { Config } from "./lib/config.ts";
import { ensureKvDir, loadConfigOrExit, sandboxLogFields } from "./lib/startup.ts";
import { createLogger, type Logger } from "./lib/log.ts";
import { createSandbox, FaultSpecError, type Sandbox } from "./lib/sandbox/mod.ts";

/** A served sandbox. */
export interface SandboxServer {
  readonly sandbox: Sandbox;
  readonly server: Deno.HttpServer<Deno.NetAddr>;
  /** Origin it listens on, e.g. `http://127.0.0.1:8787`. */
  readonly origin: string;
}

/**
 * Seeds and serves a sandbox on `config.sandbox.port` (or `port`), state in `kv`.
 * Throws {@link FaultSpecError} for an invalid `SANDBOX_FAULTS`.
 */
export async function serveSandbox(
  config: Config,
  deps: { kv: Deno.Kv; logger: Logger; port?: number },
): Promise<SandboxServer> {
  const sandbox = createSandbox({
    kv: deps.kv,
    clock: systemClock,
    demoEmail: config.sandbox.demoEmail,
    demoPassword: config.sandbox.demoPassword,
    tokenTtlMs: config.sandbox.tokenTtlMs,
    faults: config.sandbox.faults,
    admin: config.env !== "production",
    logger: deps.logger,
  });
  await sandbox.ready();
  const server = Deno.serve({
    hostname: config.host,
    port: deps.port ?? config.sandbox.port,
    onListen: () => {},
  }, sandbox.app.fetch);
  const origin = `http://${
    config.host.includes(":") ? `[${config.host}]` : config.host
  }:${server.addr.port}`;
  const urls = sandbox.urls(origin);
  deps.logger.info("local Xano sandbox listening", sandboxLogFields(config, urls));
  return { sandbox, server, origin };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(Deno.env);
  const logger = createLogger({ level: config.logLevel });
  await ensureKvDir(config.kvPath);
  const kv = await Deno.openKv(config.kvPath);
  let served: SandboxServer;
  try {
    served = await serveSandbox(config, { kv, logger });
  } catch (error) {
    if (!(error instanceof FaultSpecError)) throw error;
    console.error(`error: SANDBOX_FAULTS: ${error.message}`);
    Deno.exit(2);
  }
  const shutdown = async () => {
    await served.server.shutdown();
    kv.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", shutdown);
  Deno.addSignalListener("SIGTERM", shutdown);
}

if (import.meta.main) await main();
