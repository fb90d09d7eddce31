/**
 * The audit log: one record per tool call, with the arguments summarised and
 * secrets redacted. {@link AuditStore.record} writes the record and bumps the
 * usage counters (`usage.ts`) in one atomic commit, so the events page and the
 * usage charts always agree. Event ids start with the zero-padded call time,
 * so KV keeps a user's events in time order and time ranges are key ranges.
 *
 * @example
 * ```ts
 * const audit = createAuditStore({ kv, clock, ids });
 * await audit.record({
 *   userId: "u-1", clientId: "c-1", clientName: "Claude", tool: "xano_list_tables",
 *   args: { workspace_id: 1 }, ok: true, durationMs: 38,
 * });
 * const page = await audit.query("u-1", { limit: 50 });
 * ```
 * @module
 */

import type { Clock, IdGenerator } from "../clock.ts";
import { BadRequestError } from "../errors.ts";
import { createGroupCommit, type GroupCommit } from "./group_commit.ts";
import { keys, prefixes } from "./keys.ts";
import { redactText, summariseArguments } from "./redact.ts";
import { addUsage } from "./usage.ts";
import type { KvWrites } from "./coalesce.ts";

/** How a tool call ended. */
export type Outcome = "ok" | "error";

/** What the MCP layer reports after a tool call. */
export interface ToolCall {
  readonly userId: string;
  /** OAuth client id or `api-key:<keyId>`. */
  readonly clientId: string;
  /** A name people recognise (client name or API key name). */
  readonly clientName: string;
  readonly tool: string;
  /** Raw arguments; only a redacted summary is stored. */
  readonly args: unknown;
  readonly ok: boolean;
  readonly durationMs: number;
  /** Short error message for failed calls (redacted before storing). */
  readonly error?: string;
  /** For deploy tools: the deploy result and whether auto-fix changed the code. */
  readonly deploy?: { readonly ok: boolean; readonly autoFixed: boolean };
  /** Epoch ms of the call; defaults to the store's clock. */
  readonly at?: number;
}

/** One stored audit record. */
export interface AuditRecord {
  readonly id: string;
  readonly at: number;
  readonly userId: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly tool: string;
  /** Redacted, bounded argument summary. */
  readonly args: string;
  readonly outcome: Outcome;
  readonly durationMs: number;
  readonly error?: string;
  /** Epoch ms after which the record is gone (KV's `expireIn` sweeps lazily; reads check this). */
  readonly expiresAt?: number;
}

/** Filters of {@link AuditStore.query}; all optional. */
export interface AuditQuery {
  readonly tool?: string;
  readonly outcome?: Outcome;
  readonly clientId?: string;
  /** Inclusive lower bound, epoch ms. */
  readonly from?: number;
  /** Exclusive upper bound, epoch ms. */
  readonly to?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  readonly cursor?: string;
  /** Page size, 1–500 (default 50). */
  readonly limit?: number;
}

/** One page of audit records, newest first. */
export interface AuditPage {
  readonly records: readonly AuditRecord[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  readonly nextCursor?: string;
}

/** A client or tool that appears in a user's audit log, with its latest call. */
export interface SeenEntry {
  /** Client id or tool name. */
  readonly id: string;
  /** Client name (for clients) or the tool name. */
  readonly name: string;
  readonly lastAt: number;
}

/** Writes and reads the audit log. */
export interface AuditStore {
  /** Stores one tool call and its usage counters atomically. */
  record(call: ToolCall): Promise<AuditRecord>;
  /** Reads a page of a user's records, newest first, filtered. */
  query(userId: string, query?: AuditQuery): Promise<AuditPage>;
  /** Every client or tool the user's log has seen, most recently used first. */
  seen(userId: string, kind: "client" | "tool"): Promise<readonly SeenEntry[]>;
}

/** Options of {@link createAuditStore}. */
export interface AuditStoreDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** How long records are kept (default 30 days). */
  readonly retentionMs?: number;
  /** Most records one query inspects before giving up on a sparse filter (default 5000). */
  readonly scanLimit?: number;
  /** The process's shared group commit (default: one of its own). */
  readonly writes?: GroupCommit;
}

/** Creates the audit store. */
export function createAuditStore(deps: AuditStoreDeps): AuditStore {
  const retentionMs = deps.retentionMs ?? 30 * 86_400_000;
  const scanLimit = deps.scanLimit ?? 5000;
  // Concurrent calls share one durable commit; each still awaits its own record. The write is
  // deferred to the end of the current turn, so it joins the commit of the call's response.
  const group = deps.writes ?? createGroupCommit(deps.kv);
  return {
    async record(call) {
      const at = call.at ?? deps.clock.now();
      const record: AuditRecord = {
        id: `${timePart(at)}-${deps.ids()}`,
        at,
        userId: call.userId,
        clientId: call.clientId,
        clientName: call.clientName,
        tool: call.tool,
        args: summariseArguments(call.args),
        outcome: call.ok ? "ok" : "error",
        durationMs: Math.max(0, Math.round(call.durationMs)),
        ...(call.error ? { error: redactText(call.error).slice(0, 300) } : {}),
        expiresAt: at + retentionMs,
      };
      const mutations = (op: KvWrites) => {
        op.set(keys.audit(call.userId, record.id), record, {
          expireIn: retentionMs,
        });
        op.set(keys.auditSeen(call.userId, "client", call.clientId), {
          id: call.clientId,
          name: call.clientName,
          lastAt: at,
        }, { expireIn: retentionMs });
        op.set(keys.auditSeen(call.userId, "tool", call.tool), {
          id: call.tool,
          name: call.tool,
          lastAt: at,
        }, { expireIn: retentionMs });
        addUsage(op, {
          userId: call.userId,
          tool: call.tool,
          at,
          ok: call.ok,
          durationMs: record.durationMs,
          ...(call.deploy ? { deploy: call.deploy } : {}),
        });
      };
      await group.defer(mutations, { bytes: 2048 }).catch((error) => {
        throw new Error(`Cannot write audit record "${record.id}": ${String(error)}`);
      });
      return record;
    },

    async query(userId, query = {}) {
      const limit = Math.max(1, Math.min(500, Math.floor(query.limit ?? 50)));
      const now = deps.clock.now();
      const prefix = prefixes.auditOfUser(userId);
      const selector = {
        start: [...prefix, query.from === undefined ? "" : timePart(query.from)],
        end: [...prefix, query.to === undefined ? "\uffff" : timePart(query.to)],
      };
      const iter = deps.kv.list<AuditRecord>(selector, {
        reverse: true,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      const records: AuditRecord[] = [];
      let cursorAtLimit: string | undefined;
      let lastInspected: string | undefined;
      let scanned = 0;
      for await (const entry of guardCursor(iter, query.cursor)) {
        // A sparse filter stops after `scanLimit` records and offers the rest as a next page.
        if (++scanned > scanLimit) return { records, nextCursor: lastInspected };
        lastInspected = iter.cursor;
        if (!matches(entry.value, query, now)) continue;
        if (records.length === limit) return { records, nextCursor: cursorAtLimit };
        records.push(entry.value);
        if (records.length === limit) cursorAtLimit = iter.cursor;
      }
      return { records };
    },

    async seen(userId, kind) {
      const entries: SeenEntry[] = [];
      const cutoff = deps.clock.now() - retentionMs;
      for await (
        const entry of deps.kv.list<SeenEntry>({ prefix: prefixes.auditSeenOfUser(userId, kind) })
      ) {
        if (entry.value.lastAt > cutoff) entries.push(entry.value);
      }
      return entries.sort((a, b) => b.lastAt - a.lastAt || a.id.localeCompare(b.id));
    },
  };
}

async function* guardCursor<T>(
  iter: Deno.KvListIterator<T>,
  cursor: string | undefined,
): AsyncGenerator<Deno.KvEntry<T>> {
  try {
    yield* iter;
  } catch (error) {
    if (cursor === undefined) throw error;
    throw new BadRequestError("This page link is out of date; start again from the newest events", {
      cause: error,
    });
  }
}

function matches(record: AuditRecord, query: AuditQuery, now: number): boolean {
  return (record.expiresAt === undefined || record.expiresAt > now) &&
    (query.tool === undefined || record.tool === query.tool) &&
    (query.outcome === undefined || record.outcome === query.outcome) &&
    (query.clientId === undefined || record.clientId === query.clientId);
}

function timePart(at: number): string {
  return String(Math.max(0, Math.floor(at))).padStart(15, "0");
}
