/**
 * Streamable HTTP sessions whose state lives in Deno KV. A process keeps a
 * cache of live transports; when a request names a session it has never seen
 * (another process created it, this one restarted, or it closed the session's
 * transport to stay under its bound), it rebuilds the server and transport from
 * the KV record by replaying the stored `initialize`, so any process sharing
 * the KV can answer. The cache is ordered least recently used first and
 * bounded: past `maxLive` it closes the least recently used sessions that have
 * been quiet for a while, and never one still answering a request (a confirmation
 * prompt waiting for the user, a long deploy). SSE events go to the KV event
 * store, so `Last-Event-ID` resumption survives a restart too. A session has no
 * standalone GET stream: everything the server sends belongs to a request.
 *
 * @module
 */

import type { Clock } from "../lib/clock.ts";
import { randomToken } from "../lib/crypto.ts";
import { keys } from "../lib/kv/keys.ts";
import { getLive } from "../lib/kv/store.ts";
import type { Logger } from "../lib/log.ts";
import { createGroupCommit, type GroupCommit } from "../lib/kv/group_commit.ts";
import { createKvEventStore, type KvEventStore } from "./event_store.ts";
import { isAnswer } from "./jsonrpc.ts";
import { createReplyRelay } from "./reply_relay.ts";
import { LOG_LEVELS } from "./server.ts";
import {
  type AuthInfo,
  isInitializeRequest,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from "./sdk_server.ts";

/** Idle sessions expire after this long without a request. */
export const SESSION_TTL_MS = 24 * 3_600_000;
const TOUCH_EVERY_MS = 5 * 60_000;
const LOCAL_IDLE_MS = 10 * 60_000;
/** Default bound of live sessions per process (each holds ~50 KB of heap). */
export const MAX_LIVE_SESSIONS = 2_000;
/** Over the bound, only sessions with no request started for this long are closed. */
export const EVICT_AFTER_QUIET_MS = 3 * 60_000;
/** A request unanswered for this long no longer keeps its session live (its handler is stuck). */
const IN_FLIGHT_MAX_MS = 30 * 60_000;

/** What a session needs to be rebuilt anywhere. */
export interface SessionRecord {
  readonly id: string;
  /** Grant (or API key) that created it; other grants get 404 for it. */
  readonly grantId: string;
  readonly userId: string;
  /** Opaque, JSON-safe connection settings (selection, pinned workspace, …). */
  readonly settings: Record<string, unknown>;
  /** The `initialize` params, replayed when the session is rebuilt. */
  readonly initialize: Record<string, unknown>;
  readonly protocolVersion: string;
  /** The level last set by `logging/setLevel`, replayed when the session is rebuilt. */
  readonly logLevel?: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
}

/** Who is calling and with which settings, resolved by the HTTP layer. */
export interface Caller {
  readonly grantId: string;
  readonly userId: string;
  readonly settings: Record<string, unknown>;
  readonly authInfo?: AuthInfo;
}

/** Options of {@link createSessionManager}. */
export interface SessionManagerOptions {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Builds the server for a session from its stored record. */
  buildServer(record: Pick<SessionRecord, "id" | "grantId" | "userId" | "settings">): McpServer;
  /** `retry` hint (ms) sent with the SSE priming event. */
  readonly retryMs?: number;
  readonly sessionTtlMs?: number;
  /** Most sessions kept live here (default {@link MAX_LIVE_SESSIONS}); a closed one is rebuilt on use. */
  readonly maxLive?: number;
  /** How long a session must be quiet before the bound may close it (default {@link EVICT_AFTER_QUIET_MS}). */
  readonly evictAfterQuietMs?: number;
  /** The process's shared group commit, for stored SSE events. */
  readonly writes?: GroupCommit;
  /** This process's name in relayed request ids (default: random). */
  readonly process?: string;
  /**
   * How long a live session trusts its stored record before reading KV again (default 0); for
   * one more such period it still answers while the record is re-read in the background. A
   * session deleted by another process stops answering here within about twice this time.
   */
  readonly recordCacheMs?: number;
}

/** Serves streamable HTTP requests for many sessions. */
export interface SessionManager {
  handle(req: Request, caller: Caller, parsedBody: unknown): Promise<Response>;
  /** Number of sessions live in this process. */
  readonly localCount: number;
  /** Closes every local transport (KV records stay). */
  closeAll(): Promise<void>;
}

interface LiveSession {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly server: McpServer;
  /** Ids of the client's requests not answered yet: the session is in use while any are. */
  readonly inFlight: Set<string | number>;
  lastUsed: number;
  lastTouched: number;
  /** The stored record as last read, and when (see `recordCacheMs`). */
  record?: SessionRecord;
  checkedAt?: number;
  revalidating?: boolean;
}

/**
 * Creates the session manager.
 *
 * @example
 * ```ts
 * const sessions = createSessionManager({ kv, clock, logger, buildServer });
 * return sessions.handle(c.req.raw, caller, body);
 * ```
 */
export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const { kv, clock, logger } = options;
  const ttl = options.sessionTtlMs ?? SESSION_TTL_MS;
  const maxLive = options.maxLive ?? MAX_LIVE_SESSIONS;
  const quietMs = options.evictAfterQuietMs ?? EVICT_AFTER_QUIET_MS;
  /** Least recently used first: a session moves to the end on every request. */
  const live = new Map<string, LiveSession>();
  const rebuilding = new Map<string, Promise<LiveSession>>();
  const writes = options.writes ?? createGroupCommit(kv);
  const relay = createReplyRelay({
    kv,
    clock,
    writes,
    logger,
    process: options.process ?? randomToken(12),
  });
  const eventStore = (sessionId: string) =>
    createKvEventStore({
      kv,
      clock,
      sessionId,
      writes,
      onTooLarge: (chars) => logger.warn("SSE event too large to keep for resumption", { chars }),
    });

  function newTransport(
    id: string,
    store: KvEventStore,
    inFlight: Set<string | number>,
    onInit?: () => Promise<void>,
  ) {
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      eventStore: store,
      retryInterval: options.retryMs ?? 2_000,
      onsessioninitialized: onInit,
      onsessionclosed: async () => {
        live.delete(id);
        await kv.delete(keys.mcpSession(id));
      },
    });
    relay.attach(id, transport);
    const send = transport.send.bind(transport);
    transport.send = (message, sendOptions) => {
      if (isAnswer(message) && message.id !== null) inFlight.delete(message.id);
      return send(message, sendOptions);
    };
    return transport;
  }

  async function create(req: Request, caller: Caller, body: unknown): Promise<Response> {
    const id = `mcp_${randomToken(24)}`;
    const store = eventStore(id);
    const params = (body as { params: Record<string, unknown> }).params;
    const server = options.buildServer({ id, ...caller });
    const inFlight = new Set<string | number>();
    const transport = newTransport(id, store, inFlight, async () => {
      const now = clock.now();
      const record: SessionRecord = {
        id,
        grantId: caller.grantId,
        userId: caller.userId,
        settings: caller.settings,
        initialize: params,
        protocolVersion: String(params.protocolVersion ?? ""),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + ttl,
      };
      await kv.set(keys.mcpSession(id), record, { expireIn: ttl });
      admit(id, { transport, server, inFlight, lastUsed: now, lastTouched: now });
    });
    await server.connect(transport);
    return transport.handleRequest(req, { parsedBody: body, authInfo: caller.authInfo });
  }

  async function rebuild(record: SessionRecord): Promise<LiveSession> {
    const store = eventStore(record.id);
    const server = options.buildServer(record);
    const inFlight = new Set<string | number>();
    const transport = newTransport(record.id, store, inFlight);
    await server.connect(transport);
    store.muted = true;
    const headers = {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    };
    // What the client said to set the session up, said again; the answers are dropped.
    const replay = async (message: Record<string, unknown>, inSession = true) => {
      const response = await transport.handleRequest(
        new Request("http://session.rebuild/mcp", {
          method: "POST",
          headers: inSession ? { ...headers, "mcp-session-id": record.id } : headers,
        }),
        { parsedBody: { jsonrpc: "2.0", ...message } },
      );
      await response.text();
    };
    await replay({ id: "rebuild", method: "initialize", params: record.initialize }, false);
    await replay({ method: "notifications/initialized" });
    if (record.logLevel !== undefined) {
      await replay({
        id: "rebuild-log-level",
        method: "logging/setLevel",
        params: { level: record.logLevel },
      });
    }
    store.muted = false;
    const now = clock.now();
    const session = { transport, server, inFlight, lastUsed: now, lastTouched: record.lastSeenAt };
    admit(record.id, session);
    logger.debug("mcp session rebuilt", { session: record.id.slice(0, 12) });
    return session;
  }

  /**
   * Re-reads a live session's record in the background. When it is gone from KV (or belongs to
   * another grant), the next request reads KV itself, answers 404 and closes the transport;
   * requests already under way finish undisturbed.
   */
  function revalidate(id: string, session: LiveSession): void {
    if (session.revalidating) return;
    session.revalidating = true;
    getLive<SessionRecord>(kv, keys.mcpSession(id), clock).then(({ value }) => {
      if (value && value.grantId === session.record?.grantId) {
        session.record = value;
        session.checkedAt = clock.now();
      } else {
        session.checkedAt = undefined;
      }
    }).catch((error) => logger.warn("mcp session record not re-read", { error: String(error) }))
      .finally(() => session.revalidating = false);
  }

  async function existing(id: string, caller: Caller): Promise<LiveSession | undefined> {
    const known = live.get(id);
    const cacheMs = options.recordCacheMs ?? 0;
    const age = known?.record && known.checkedAt !== undefined
      ? clock.now() - known.checkedAt
      : Infinity;
    // Within cacheMs the record read last is trusted; for one more cacheMs it still answers
    // while KV is read again in the background, so a busy session never waits for a read.
    const usable = age < 2 * cacheMs;
    if (usable && age >= cacheMs) revalidate(id, known!);
    const record = usable
      ? known!.record!
      : (await getLive<SessionRecord>(kv, keys.mcpSession(id), clock)).value;
    if (!record || record.grantId !== caller.grantId) {
      const stale = live.get(id);
      if (stale) {
        live.delete(id);
        await stale.transport.close();
      }
      return undefined;
    }
    let session = live.get(id);
    if (!session) {
      let pending = rebuilding.get(id);
      if (!pending) {
        pending = rebuild(record).finally(() => rebuilding.delete(id));
        rebuilding.set(id, pending);
      }
      session = await pending;
    }
    const now = clock.now();
    if (!usable) {
      session.record = record;
      session.checkedAt = now;
    }
    session.lastUsed = now;
    live.delete(id);
    live.set(id, session);
    if (now - session.lastTouched > TOUCH_EVERY_MS) {
      saveRecord(id, session, record, now, "mcp session not touched");
    }
    return session;
  }

  /** Stores a session's new log level in its record, so a rebuilt session keeps it. */
  function keepLogLevel(id: string, session: LiveSession, level: string): void {
    if (!session.record || !LOG_LEVELS.includes(level)) return;
    session.record = saveRecord(
      id,
      session,
      { ...session.record, logLevel: level },
      clock.now(),
      "mcp session log level not kept",
    );
  }

  /**
   * Stores `record` as seen `now` (its TTL starts again). Queued, not awaited: it rides in the
   * commit of this request's response event; a failure is logged as `failure`.
   */
  function saveRecord(
    id: string,
    session: LiveSession,
    record: SessionRecord,
    now: number,
    failure: string,
  ): SessionRecord {
    session.lastTouched = now;
    const saved = { ...record, lastSeenAt: now, expiresAt: now + ttl };
    writes.defer((op) => op.set(keys.mcpSession(id), saved, { expireIn: ttl }))
      .catch((error) => logger.warn(failure, { error: String(error) }));
    return saved;
  }

  /**
   * Adds a session, then closes (least recently used first) those idle too long or over the
   * bound. One still answering a request moves to the recently used end instead.
   */
  function admit(id: string, session: LiveSession): void {
    live.set(id, session);
    const now = clock.now();
    let visits = live.size;
    for (const [oldId, old] of live) {
      if (--visits < 0) break;
      const quiet = now - old.lastUsed;
      if (old.inFlight.size > 0 && quiet < IN_FLIGHT_MAX_MS) {
        live.delete(oldId);
        live.set(oldId, old);
        continue;
      }
      if (quiet <= LOCAL_IDLE_MS && (live.size <= maxLive || quiet < quietMs)) break;
      live.delete(oldId);
      old.transport.close().catch(() => {});
    }
  }

  return {
    async handle(req, caller, body) {
      const id = req.headers.get("mcp-session-id");
      if (req.method === "POST" && id === null && isInitializeRequest(body)) {
        return await create(req, caller, body);
      }
      if (id === null) {
        return rpcError(400, -32000, "Bad Request: Mcp-Session-Id header is required");
      }
      if (req.method === "GET" && !req.headers.has("last-event-id")) return noStandaloneStream();
      const session = await existing(id, caller);
      if (!session) return rpcError(404, -32001, "Session not found");
      let parsedBody = body;
      if (req.method === "POST" && body !== undefined) {
        // An answer to a question another process asked is left in KV for it.
        const routed = await relay.route(id, body);
        if (routed.kind === "relayed") return new Response(null, { status: 202 });
        parsedBody = routed.body;
        for (const message of Array.isArray(parsedBody) ? parsedBody : [parsedBody]) {
          const request = message as
            | { method?: unknown; id?: unknown; params?: { level?: unknown } }
            | null;
          if (typeof request?.method !== "string") continue;
          if (typeof request.id === "string" || typeof request.id === "number") {
            session.inFlight.add(request.id);
          }
          const level = request.params?.level;
          if (request.method === "logging/setLevel" && typeof level === "string") {
            keepLogLevel(id, session, level);
          }
        }
      }
      return await session.transport.handleRequest(req, {
        parsedBody,
        authInfo: caller.authInfo,
      });
    },
    get localCount() {
      return live.size;
    },
    async closeAll() {
      relay.close();
      const sessions = [...live.values()];
      live.clear();
      await Promise.all(sessions.map((session) => session.transport.close()));
    },
  };
}

/**
 * The answer to a `GET` that would open a session's standalone SSE stream. The
 * spec lets a server decline it with 405, and this one has nothing to send
 * there: every message it sends (results, progress, log messages, confirmation
 * prompts) belongs to a request and travels on that request's stream. Holding
 * one open per session would cost each a connection with a streamed response
 * (~84 KB of RSS in Deno, `bench/connection_memory.ts`) for nothing. A `GET`
 * with `Last-Event-ID` still resumes a request's stream.
 */
function noStandaloneStream(): Response {
  const response = rpcError(
    405,
    -32000,
    "Method Not Allowed: this server sends messages only on the stream of the request they belong to, so it offers no standalone GET stream (GET with Last-Event-ID resumes a request's stream)",
  );
  response.headers.set("allow", "POST, DELETE");
  return response;
}

/** A JSON-RPC error response with no id, as the transport sends them. */
export function rpcError(status: number, code: number, message: string): Response {
  return new Response(
    JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }),
    { status, headers: { "content-type": "application/json" } },
  );
}
