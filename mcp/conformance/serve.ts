/**
 * `deno task conformance:serve`: the MCP endpoint with the conformance suite's
 * fixture tools, authentication disabled, bound to 127.0.0.1 only. It runs the
 * same transport, session and server code as the product; only the tool set
 * differs. Never mounted by `main.ts`.
 *
 * @module
 */

import { createRequestStateCodec } from "@modelcontextprotocol/server";
import { Hono } from "hono";
import { systemClock } from "../../lib/clock.ts";
import { loadConfig } from "../../lib/config.ts";
import { createLogger } from "../../lib/log.ts";
import { mcpApp } from "../app.ts";
import { createConfirmationStore } from "../confirmation.ts";
import { createModernEndpoint, createModernServer, type ModernEndpoint } from "../modern.ts";
import { createMcpServer } from "../server.ts";
import { createSessionManager } from "../sessions.ts";
import { registerConformanceFixtures } from "./fixtures.ts";
import { registerModernFixtures } from "./fixtures_modern.ts";

/** Options of {@link conformanceApp}. */
export interface ConformanceAppOptions {
  readonly kv: Deno.Kv;
  readonly port: number;
}

/** The auth-disabled fixture app; only for loopback use. */
export function conformanceApp(options: ConformanceAppOptions): Hono {
  const { kv } = options;
  const logger = createLogger({ level: "warn" });
  const confirmations = createConfirmationStore({ kv, clock: systemClock });
  const sessions = createSessionManager({
    kv,
    clock: systemClock,
    logger,
    buildServer: (record) =>
      createMcpServer({
        tools: [],
        deps: {},
        selection: { readOnly: false },
        grantId: record.grantId,
        confirmations,
        logger,
        extensions: [registerConformanceFixtures],
      }),
  });
  const codec = createRequestStateCodec<string>({
    key: crypto.getRandomValues(new Uint8Array(32)),
  });
  const fixtures = { notify: () => modern.notify, codec };
  const modern: ModernEndpoint = createModernEndpoint((caller) =>
    createModernServer({
      tools: [],
      deps: {},
      selection: { readOnly: false },
      grantId: caller.grantId,
      confirmations,
      logger,
    }, {
      extensions: [(server) => registerModernFixtures(server, fixtures)],
      server: { requestState: { verify: codec.verify } },
    })
  );
  const app = new Hono();
  app.route(
    "/",
    mcpApp({ publicUrl: `http://127.0.0.1:${options.port}`, verifier: null, sessions, modern }),
  );
  return app;
}

if (import.meta.main) {
  const config = loadConfig(Deno.env);
  const kv = await Deno.openKv(":memory:");
  const app = conformanceApp({ kv, port: config.mcp.conformancePort });
  Deno.serve({
    hostname: "127.0.0.1",
    port: config.mcp.conformancePort,
    onListen: ({ port }) =>
      console.log(`conformance fixture server on http://127.0.0.1:${port}/mcp`),
  }, app.fetch);
}
