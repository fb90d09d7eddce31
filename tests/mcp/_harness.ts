/** Test harness for the MCP layer: a fake verifier, demo tools and an app over memory KV. */

import { Hono } from "hono";
import { z } from "zod";
import type { GrantContext, TokenVerifier } from "../../lib/auth/types.ts";
import { type ManualClock, manualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/log.ts";
import { mcpApp } from "../../mcp/app.ts";
import { createConfirmationStore } from "../../mcp/confirmation.ts";
import { type AnyTool, defineTool } from "../../mcp/inventory.ts";
import { fail, ok } from "../../mcp/result.ts";
import {
  Client,
  InMemoryTransport,
  type McpServer,
  StreamableHTTPClientTransport,
  type Tool,
} from "../../mcp/sdk.ts";
import { createMcpServer, type ServerExtension } from "../../mcp/server.ts";
import {
  createSessionManager,
  type SessionManager,
  type SessionManagerOptions,
} from "../../mcp/sessions.ts";

/** A real {@link TokenVerifier} over a Map, for tests. */
export function mapVerifier(grants: Record<string, GrantContext>): TokenVerifier {
  const map = new Map(Object.entries(grants));
  return { verify: (token) => Promise.resolve(map.get(token) ?? null) };
}

/** A grant with every scope unless overridden. */
export function grant(overrides: Partial<GrantContext> = {}): GrantContext {
  return {
    userId: "u1",
    grantId: "g1",
    clientId: "client-1",
    scopes: ["xano:read", "xano:write", "xano:deploy"],
    readOnly: false,
    ...overrides,
  };
}

/** State the demo tools act on. */
export interface DemoDeps {
  readonly items: Map<number, string>;
}

/** Three demo tools: a read, a write and a destructive delete. */
export const demoTools: AnyTool<DemoDeps>[] = [
  defineTool({
    name: "demo_list",
    toolset: "tables",
    title: "List demo items",
    description: "Lists the demo items.",
    input: {},
    output: { items: z.array(z.object({ id: z.number(), name: z.string() })) },
    annotations: {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    scope: "xano:read",
    handler(_args, deps: DemoDeps) {
      const items = [...deps.items].map(([id, name]) => ({ id, name }));
      return Promise.resolve(ok({ items }, `${items.length} items`));
    },
  }),
  defineTool({
    name: "demo_add",
    toolset: "tables",
    title: "Add a demo item",
    description: "Adds a demo item.",
    input: { name: z.string().min(1) },
    output: { id: z.number() },
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    scope: "xano:write",
    handler(args, deps: DemoDeps) {
      const id = deps.items.size + 1;
      deps.items.set(id, args.name);
      return Promise.resolve(ok({ id }, `added ${id}`));
    },
  }),
  defineTool({
    name: "demo_delete",
    toolset: "tables",
    title: "Delete a demo item",
    description: "Deletes a demo item.",
    input: { id: z.number().int() },
    output: { deleted: z.number() },
    annotations: {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: false,
    },
    scope: "xano:write",
    preview(args, deps: DemoDeps) {
      return Promise.resolve(`Delete item ${args.id} ("${deps.items.get(args.id)}")`);
    },
    handler(args, deps: DemoDeps) {
      if (!deps.items.delete(args.id)) {
        return Promise.resolve(fail(`Item ${args.id} does not exist`));
      }
      return Promise.resolve(ok({ deleted: args.id }, `deleted ${args.id}`));
    },
  }),
];

/** Options of {@link demoApp}. */
export interface DemoAppOptions {
  readonly kv: Deno.Kv;
  readonly verifier?: TokenVerifier | null;
  readonly items?: Map<number, string>;
  readonly extensions?: ServerExtension[];
  /** The session manager's clock (default: a manual clock at the current time). */
  readonly clock?: ManualClock;
  /** How long a live session trusts its KV record (default 0). */
  readonly recordCacheMs?: number;
  /** The live-session bound and its quiet period. */
  readonly sessions?: Pick<SessionManagerOptions, "maxLive" | "evictAfterQuietMs">;
  /** The tools (default {@link demoTools}). */
  readonly tools?: readonly AnyTool<DemoDeps>[];
}

/** The `/mcp` app over demo tools; returns the app, its session manager and the demo state. */
export function demoApp(
  options: DemoAppOptions,
): { app: Hono; sessions: SessionManager; items: Map<number, string> } {
  const items = options.items ?? new Map([[1, "one"], [2, "two"]]);
  const clock = options.clock ?? manualClock(Date.now());
  const confirmations = createConfirmationStore({ kv: options.kv, clock });
  const sessions = createSessionManager({
    ...options.sessions,
    kv: options.kv,
    clock,
    logger: silentLogger,
    recordCacheMs: options.recordCacheMs,
    buildServer: (record) => {
      const settings = record.settings as { readOnly: boolean; toolsets?: string[]; scopes?: [] };
      return createMcpServer({
        tools: options.tools ?? demoTools,
        deps: { items },
        selection: {
          readOnly: settings.readOnly,
          toolsets: settings.toolsets,
          scopes: settings.scopes,
        },
        grantId: record.grantId,
        confirmations,
        logger: silentLogger,
        extensions: options.extensions,
      });
    },
  });
  const verifier = options.verifier === undefined
    ? mapVerifier({ "token-full": grant() })
    : options.verifier;
  const app = new Hono().route(
    "/",
    mcpApp({
      publicUrl: "http://127.0.0.1:8000",
      verifier,
      sessions,
      toolScope: (name) => (options.tools ?? demoTools).find((tool) => tool.name === name)?.scope,
    }),
  );
  return { app, sessions, items };
}

/** An SDK client connected to `app` through its fetch handler (no sockets). */
export async function connect(
  app: Hono,
  options: { token?: string; query?: string; capabilities?: Record<string, unknown> } = {},
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const headers: Record<string, string> = options.token
    ? { authorization: `Bearer ${options.token}` }
    : {};
  const transport = new StreamableHTTPClientTransport(
    new URL(`http://127.0.0.1:8000/mcp${options.query ?? ""}`),
    {
      requestInit: { headers },
      fetch: async (input, init) => await app.fetch(new Request(input, init)),
    },
  );
  const client = new Client({ name: "test-client", version: "1.0.0" }, {
    capabilities: options.capabilities ?? {},
  });
  await client.connect(transport);
  return { client, transport };
}

/** A JSON-RPC POST to `/mcp`. */
export function rpc(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request("http://127.0.0.1:8000/mcp", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** `initialize` params a client would send. */
export const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "t", version: "1" },
  },
};

/** The machine-readable details of an error result (`_meta["xano-mcp/error"]`). */
export function errorMeta(result: Record<string, unknown>): Record<string, unknown> {
  const meta = result._meta as Record<string, Record<string, unknown>> | undefined;
  return meta?.["xano-mcp/error"] ?? {};
}

/** An SDK client connected to `server` over an in-memory link. */
export async function linkedClient(server: McpServer, name = "linked"): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name, version: "1" });
  await client.connect(clientSide);
  return client;
}

/** What `server` answers to `tools/list`, asked by an SDK client over an in-memory link; closes both. */
export async function listedTools(server: McpServer): Promise<Tool[]> {
  const client = await linkedClient(server, "tools-list");
  const { tools } = await client.listTools();
  await client.close();
  await server.close();
  return tools;
}
