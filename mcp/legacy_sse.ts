/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05) at `/sse`, for clients
 * that still use it, behind the same Host/Origin checks and bearer
 * authentication as `/mcp`. `GET /sse` opens the event stream and announces
 * `/sse/messages?sessionId=…`; each POST there is answered on the stream.
 * These sessions live in the process that holds the stream (the stream is the
 * session), so they are not rebuilt from KV like `/mcp` sessions.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { TokenVerifier } from "../lib/auth/types.ts";
import { randomToken } from "../lib/crypto.ts";
import { resolveCaller } from "./app.ts";
import { type GuardOptions, hostOriginGuard, mcpCors, readJsonBody } from "./http_guard.ts";
import type { JSONRPCMessage, McpServer, Transport } from "./sdk.ts";
import type { Caller } from "./sessions.ts";

const KEEPALIVE_MS = 15_000;

/** One SSE connection as an MCP transport. */
class SseStreamTransport implements Transport {
  readonly sessionId: string;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];
  readonly stream: ReadableStream<Uint8Array>;
  #controller?: ReadableStreamDefaultController<Uint8Array>;
  #timer?: ReturnType<typeof setInterval>;
  #closed = false;
  readonly #encoder = new TextEncoder();

  constructor(sessionId: string, endpoint: string) {
    this.sessionId = sessionId;
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
        this.#write(`event: endpoint\ndata: ${endpoint}\n\n`);
        this.#timer = setInterval(() => this.#write(": keepalive\n\n"), KEEPALIVE_MS);
      },
      cancel: () => this.close(),
    });
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    this.#write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    clearInterval(this.#timer);
    try {
      this.#controller?.close();
    } catch {
      // already closed by the client
    }
    this.onclose?.();
    return Promise.resolve();
  }

  #write(text: string): void {
    if (this.#closed) return;
    try {
      this.#controller?.enqueue(this.#encoder.encode(text));
    } catch (error) {
      this.onerror?.(error as Error);
    }
  }
}

/** Options of {@link legacySseApp}. */
export interface LegacySseOptions extends GuardOptions {
  readonly verifier: TokenVerifier | null;
  buildServer(caller: Caller): McpServer;
}

interface LiveSse {
  readonly transport: SseStreamTransport;
  readonly caller: Caller;
}

/** Builds the `/sse` routes; `close()` ends every open stream. */
export function legacySseApp(options: LegacySseOptions): { app: Hono; close(): Promise<void> } {
  const live = new Map<string, LiveSse>();
  const app = new Hono();
  app.use("/sse", hostOriginGuard(options), mcpCors(options));
  app.use("/sse/*", hostOriginGuard(options), mcpCors(options));

  async function caller(c: Context): Promise<Caller | Response> {
    const who = await resolveCaller(c, options);
    return who instanceof Response ? who : who.caller;
  }

  app.get("/sse", async (c) => {
    const who = await caller(c);
    if (who instanceof Response) return who;
    const id = `sse_${randomToken(18)}`;
    const transport = new SseStreamTransport(id, `/sse/messages?sessionId=${id}`);
    const server = options.buildServer(who);
    transport.onclose = () => live.delete(id);
    live.set(id, { transport, caller: who });
    await server.connect(transport);
    return new Response(transport.stream, {
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  });

  app.post("/sse/messages", async (c) => {
    const who = await caller(c);
    if (who instanceof Response) return who;
    const session = live.get(c.req.query("sessionId") ?? "");
    if (!session || session.caller.grantId !== who.grantId) {
      return c.json({ error: "Unknown sessionId; open a new stream with GET /sse" }, 404);
    }
    const body = await readJsonBody(c.req.raw);
    if (body.kind === "error") return body.response;
    if (body.kind !== "json") {
      return c.json({ error: "Send a JSON-RPC message as application/json" }, 415);
    }
    session.transport.onmessage?.(body.value as JSONRPCMessage, { authInfo: who.authInfo });
    return c.body(null, 202);
  });

  return {
    app,
    async close() {
      const sessions = [...live.values()];
      live.clear();
      await Promise.all(sessions.map((s) => s.transport.close()));
    },
  };
}
