/**
 * The audit trail of MCP tool calls: turns each finished call into one audit
 * record plus its usage counters (one KV commit, see `lib/kv/audit.ts`) and
 * the `mcp_tool_calls_total` / `mcp_tool_call_duration_seconds` metrics. The
 * MCP routes call the recorder through their `onToolCall` hook.
 *
 * @example
 * ```ts
 * const onToolCall = createToolCallRecorder({ audit, metrics, logger, clientName });
 * createMcpRoutes({ ...deps, onToolCall });
 * ```
 * @module
 */

import type { ApiKeyStore } from "../auth/api_keys.ts";
import type { ClientStore } from "../auth/clients.ts";
import type { AuditStore } from "../kv/audit.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";

/** The session a call came from (mirrors `ToolCallSession` of `mcp/routes.ts`). */
export interface CallSession {
  readonly userId: string;
  readonly grantId: string;
  readonly clientId: string;
}

/** A finished call (mirrors `ToolCallEvent` of `mcp/server.ts`). */
export interface FinishedCall {
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly outcome: "ok" | "tool_error" | "error" | "denied";
  readonly durationMs: number;
  readonly error?: string;
  readonly data?: Record<string, unknown>;
}

/** Dependencies of {@link createToolCallRecorder}. */
export interface ToolCallRecorderDeps {
  readonly audit: AuditStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** A name people recognise for a client id (default: the id itself). */
  clientName?(session: CallSession): Promise<string>;
}

/**
 * Records one finished tool call. Resolves once the record is queued: it becomes durable in
 * the next group commit, the one the call's response event awaits on the streamable HTTP
 * transport, so the answer never leaves before its audit record. A failed write is logged.
 */
export type ToolCallRecorder = (session: CallSession, call: FinishedCall) => Promise<void>;

/** Tools that deploy to Xano, for the usage page's deploy counters. */
const DEPLOY_TOOL = /^(deploy_sdk_code|update_sdk_code|deploy_xanoscript)$/;

/** Creates the recorder; metrics are counted even when the audit write fails. */
export function createToolCallRecorder(deps: ToolCallRecorderDeps): ToolCallRecorder {
  return async (session, call) => {
    deps.metrics.toolCalls.inc({ tool: call.tool, outcome: call.outcome });
    deps.metrics.toolDuration.observe({ tool: call.tool }, call.durationMs / 1000);
    const clientName = deps.clientName
      ? await deps.clientName(session).catch(() => session.clientId)
      : session.clientId;
    const written = deps.audit.record({
      userId: session.userId,
      clientId: session.clientId,
      clientName,
      tool: call.tool,
      args: call.args,
      ok: call.outcome === "ok",
      durationMs: call.durationMs,
      ...(call.error ? { error: call.error } : {}),
      ...(DEPLOY_TOOL.test(call.tool) && call.outcome !== "denied"
        ? { deploy: { ok: call.outcome === "ok", autoFixed: autoFixed(call.data) } }
        : {}),
    });
    written.catch((error) =>
      deps.logger.error("audit record not written", { tool: call.tool, error: String(error) })
    );
  };
}

/** Options of {@link clientNames}. */
export interface ClientNamesDeps {
  readonly clients: Pick<ClientStore, "get">;
  readonly apiKeys: Pick<ApiKeyStore, "list">;
  /** Names remembered per process (default 1000). */
  readonly cacheSize?: number;
}

const API_KEY_CLIENT = /^api-key:(.+)$/;

/**
 * Resolves client ids to display names: an OAuth client's registered name, or
 * `API key "<name>"` for personal API keys; the id when nothing is known.
 * Answers are cached in a small LRU, so the KV is read once per client.
 */
export function clientNames(deps: ClientNamesDeps): (session: CallSession) => Promise<string> {
  const size = deps.cacheSize ?? 1000;
  const cache = new Map<string, string>();
  return async ({ userId, clientId }) => {
    const key = `${userId}\u0000${clientId}`;
    const known = cache.get(key);
    if (known !== undefined) {
      cache.delete(key);
      cache.set(key, known);
      return known;
    }
    const keyId = API_KEY_CLIENT.exec(clientId)?.[1];
    let name = clientId;
    if (keyId) {
      const apiKey = (await deps.apiKeys.list(userId)).find((k) => k.id === keyId);
      if (apiKey) name = `API key "${apiKey.name}"`;
    } else if (clientId !== "anonymous") {
      name = (await deps.clients.get(clientId))?.clientName ?? clientId;
    }
    cache.set(key, name);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return name;
  };
}

/** Whether a deploy answer lists fixes the compiler applied. */
function autoFixed(data: Record<string, unknown> | undefined): boolean {
  const fixes = data?.fixes_applied;
  return Array.isArray(fixes) && fixes.length > 0;
}
