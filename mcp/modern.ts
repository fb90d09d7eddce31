/**
 * The 2026-07-28 protocol era at `/mcp`: per-request servers from the v2 SDK
 * (`createMcpHandler`), carrying the same tools and policy wrappers as the
 * sessionful 2025-11-25 serving. Requests the v2 SDK classifies as legacy
 * (`initialize`, session traffic, GET streams) never reach this module.
 *
 * @module
 */

import {
  createMcpHandler,
  isLegacyRequest,
  McpServer as ModernMcpServer,
  type McpServerOptions,
  type ServerContext,
  type ServerNotifier,
} from "@modelcontextprotocol/server";
import type { ToolContext } from "./inventory.ts";
import { type CreateMcpServerOptions, registerTools, SERVER_INFO } from "./server.ts";
import type { Caller } from "./sessions.ts";

/** The era-2026 leg of `/mcp`, as {@link import("./app.ts").mcpApp} uses it. */
export interface ModernEndpoint {
  /** Whether a request (with its already-parsed JSON body) belongs to the 2025 era. */
  isLegacy(request: Request, body: unknown): Promise<boolean>;
  /** Serves one 2026-07-28 request for an authenticated caller. */
  fetch(request: Request, caller: Caller, body: unknown): Promise<Response>;
  /** Announces list changes on open `subscriptions/listen` streams. */
  readonly notify: ServerNotifier;
  close(): Promise<void>;
}

/** Registers extra features (fixtures) on an era-2026 server. */
export type ModernExtension = (server: ModernMcpServer) => void;

/**
 * Builds a v2 `McpServer` for one request with the tools `options` selects;
 * destructive tools confirm through a single-use token (the era has no
 * server-initiated elicitation).
 */
export function createModernServer<D>(
  options: CreateMcpServerOptions<D>,
  more: { extensions?: readonly ModernExtension[]; server?: McpServerOptions } = {},
): ModernMcpServer {
  const server = new ModernMcpServer(SERVER_INFO, {
    ...more.server,
    capabilities: { tools: { listChanged: true } },
    instructions: options.instructions,
  });
  registerTools<D, ServerContext>(
    {
      registerTool: (name, config, cb) => server.registerTool(name, config, cb),
    },
    options,
    {
      context: modernContext,
      ask: () => Promise.resolve("unavailable"),
    },
  );
  for (const extend of more.extensions ?? []) extend(server);
  return server;
}

/**
 * The v2 handler behind {@link ModernEndpoint}; `build` makes the server for
 * the caller the route authenticated (passed through `authInfo`).
 */
export function createModernEndpoint(
  build: (caller: Caller) => ModernMcpServer,
): ModernEndpoint {
  const handler = createMcpHandler((ctx) => {
    const caller = ctx.authInfo?.extra?.[CALLER] as Caller | undefined;
    if (!caller) throw new Error("An era-2026 request reached the handler without a caller");
    return build(caller);
  }, { legacy: "reject" });
  return {
    isLegacy: (request, body) => isLegacyRequest(request, body),
    fetch(request, caller, body) {
      const authInfo = caller.authInfo ?? { token: "", clientId: "anonymous", scopes: [] };
      return handler.fetch(request, {
        authInfo: { ...authInfo, extra: { ...authInfo.extra, [CALLER]: caller } },
        parsedBody: body,
      });
    },
    notify: handler.notify,
    close: () => handler.close(),
  };
}

const CALLER = "xano-mcp/caller";

function modernContext(ctx: ServerContext): ToolContext {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    signal: ctx.mcpReq.signal,
    async progress(done, total, message) {
      if (progressToken === undefined) return;
      await ctx.mcpReq.notify({
        method: "notifications/progress",
        params: { progressToken, progress: done, total, message },
      });
    },
    async log(level, message) {
      await ctx.mcpReq.log(level, message, "xano-mcp");
    },
  };
}
