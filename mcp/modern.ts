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
import { z } from "zod";
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
      registerTool: (name, config, cb) =>
        server.registerTool(name, {
          ...config,
          inputSchema: z.object(config.inputSchema),
          outputSchema: z.object(config.outputSchema),
        }, cb),
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
    isLegacy: async (request, body) =>
      isPlainlyLegacy(request, body) || await isLegacyRequest(request, body),
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

/** The first protocol revision of the 2026 era (versions compare as dates). */
const FIRST_MODERN_VERSION = "2026-07-28";

/**
 * Whether a request is certainly 2025-era, decided without the v2 SDK's full
 * classification (which checks the body against zod schemas: about 4% of a
 * served tool call's CPU). True for any non-POST request, and for a POSTed
 * JSON-RPC request or notification whose `_meta` holds at most a progress
 * token (so no protocol-version envelope claim) and whose
 * `MCP-Protocol-Version` header, if any, names a 2025-era version. Anything
 * else is left to `isLegacyRequest`; a property test checks the two agree.
 */
export function isPlainlyLegacy(request: Request, body: unknown): boolean {
  if (request.method !== "POST") return true;
  const header = request.headers.get("mcp-protocol-version")?.trim();
  if (header !== undefined && header >= FIRST_MODERN_VERSION) return false;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const message = body as Record<string, unknown>;
  if (message.jsonrpc !== "2.0" || typeof message.method !== "string") return false;
  if ("id" in message && !isPlainId(message.id)) return false;
  const params = message.params;
  if (params === undefined) return true;
  if (typeof params !== "object" || params === null || Array.isArray(params)) return false;
  // `_meta` is checked by the SDK's schemas; the fast path accepts only what plainly passes.
  const meta = (params as Record<string, unknown>)._meta;
  if (meta === undefined) return true;
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) return false;
  return Object.entries(meta).every(([key, value]) => key === "progressToken" && isPlainId(value));
}

/** A JSON-RPC id or progress token as the SDK's schemas accept it: a string or a safe integer. */
function isPlainId(value: unknown): boolean {
  return typeof value === "string" || Number.isSafeInteger(value);
}

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
