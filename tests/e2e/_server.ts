/** A loopback server with the product `/mcp` routes over the in-memory Xano, for CLI clients. */

import { Hono } from "hono";
import { systemClock } from "../../lib/clock.ts";
import { loadConfig } from "../../lib/config.ts";
import { silentLogger } from "../../lib/log.ts";
import { compileSdkCode } from "../../lib/xs/sdk/mod.ts";
import { createMcpRoutes } from "../../mcp/routes.ts";
import { grant, mapVerifier } from "../mcp/_harness.ts";
import { memoryXano } from "../mcp/_memory_xano.ts";

/** The bearer token the server accepts. */
export const E2E_TOKEN = "e2e-token-0123456789";

/** Starts the server on a free loopback port; dispose to stop it. */
export async function startServer(): Promise<{ url: string } & AsyncDisposable> {
  const kv = await Deno.openKv(":memory:");
  const { app: mcp, sessions } = createMcpRoutes({
    config: loadConfig(new Map([["APP_ENV", "test"]])),
    kv,
    clock: systemClock,
    logger: silentLogger,
    verifier: mapVerifier({ [E2E_TOKEN]: grant({ workspaceId: 1 }) }),
    xanoFor: () => Promise.resolve(memoryXano()),
    instanceOrigin: () => Promise.resolve("https://x1.xano.io"),
    sdk: { compile: (code, options) => compileSdkCode(code, options) },
  });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    new Hono().route("/", mcp).fetch,
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}/mcp`,
    async [Symbol.asyncDispose]() {
      await sessions.closeAll();
      await server.shutdown();
      kv.close();
    },
  };
}

if (import.meta.main) {
  const s = await startServer();
  console.log(s.url);
}
