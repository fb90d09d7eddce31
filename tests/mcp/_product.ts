/** The product `/mcp` routes over an in-memory Xano, for tool tests. */

import { Hono } from "hono";
import { manualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/log.ts";
import { createMcpRoutes } from "../../mcp/routes.ts";
import { testConfig } from "../_helpers.ts";
import { grant, mapVerifier } from "./_harness.ts";
import { memoryXano } from "./_memory_xano.ts";

/** Builds the routes; `token-full` has every scope, `token-pinned` is pinned to workspace 1, `token-read` has only `xano:read`. */
export function product(kv: Deno.Kv, xano = memoryXano()) {
  const verifier = mapVerifier({
    "token-full": grant(),
    "token-pinned": grant({ grantId: "g-pin", workspaceId: 1 }),
    "token-read": grant({ grantId: "g-read", scopes: ["xano:read"] }),
  });
  const { app: mcp, sessions, legacy } = createMcpRoutes({
    config: testConfig({ PUBLIC_URL: "http://127.0.0.1:8000" }),
    kv,
    clock: manualClock(Date.now()),
    logger: silentLogger,
    verifier,
    xanoFor: () => Promise.resolve(xano),
    instanceOrigin: () => Promise.resolve("https://x1.xano.io"),
  });
  return { app: new Hono().route("/", mcp), sessions, legacy, xano };
}
