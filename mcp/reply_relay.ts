/**
 * Answers to server→client requests across processes. When a tool asks the
 * user (an elicitation), the question leaves on the SSE stream of the process
 * running the tool, but the client POSTs the answer to `/mcp`, and a load
 * balancer may hand that POST to any process sharing the KV.
 *
 * So each outgoing request's id is tagged with the asking process
 * (`r:<process>:<id>`, a string id the client echoes). A process receiving an
 * answer tagged for another stores it in KV (`keys.mcpReply`) and answers
 * 202; the asking process, while it waits, looks for it there every
 * `pollMs` and hands it to its transport with the original id. An answer that
 * reaches the asking process directly is handed over at once.
 *
 * @module
 */

import type { Clock } from "../lib/clock.ts";
import type { GroupCommit } from "../lib/kv/group_commit.ts";
import { keys } from "../lib/kv/keys.ts";
import type { Logger } from "../lib/log.ts";
import type { JSONRPCMessage } from "./sdk.ts";
import { isAnswer } from "./jsonrpc.ts";

/** The part of a transport the relay uses. */
export interface RelayedTransport {
  send(message: JSONRPCMessage, options?: unknown): Promise<void>;
  onmessage?: (message: JSONRPCMessage, extra?: never) => void;
}

/** Dependencies of {@link createReplyRelay}. */
export interface ReplyRelayDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly writes: GroupCommit;
  /** This process's name in tagged ids (a random id per process). */
  readonly process: string;
  readonly logger: Logger;
  /** How often a waiting process looks for a relayed answer (default 100 ms). */
  readonly pollMs?: number;
  /** How long it keeps looking (default 130 s: past the 120 s an elicitation waits). */
  readonly waitMs?: number;
}

/** What {@link ReplyRelay.route} made of a POSTed body. */
export type Routed =
  | { readonly kind: "local"; readonly body: unknown }
  | { readonly kind: "relayed" };

/** The relay of one process; see the module notes. */
export interface ReplyRelay {
  /** Tags the requests `transport` sends to its client and watches for their answers. */
  attach(sessionId: string, transport: RelayedTransport): void;
  /**
   * Sorts a POSTed body of session `sessionId`: answers tagged for another process are stored
   * for it; what is left (with this process's tags undone) is handled here. `relayed` when
   * nothing is left.
   */
  route(sessionId: string, body: unknown): Promise<Routed>;
  /** Stops every watch (shutdown, tests). */
  close(): void;
}

const TAG = /^r:([A-Za-z0-9_-]{1,64}):(-?\d{1,15})$/;
const REPLY_TTL_MS = 5 * 60_000;

interface Watch {
  readonly original: number;
  readonly transport: RelayedTransport;
  readonly key: Deno.KvKey;
  readonly until: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** Creates the process's {@link ReplyRelay}. */
export function createReplyRelay(deps: ReplyRelayDeps): ReplyRelay {
  const { kv, clock, writes, process, logger } = deps;
  const pollMs = deps.pollMs ?? 100;
  const waitMs = deps.waitMs ?? 130_000;
  const watches = new Map<string, Watch>();

  function stop(tag: string): Watch | undefined {
    const watch = watches.get(tag);
    if (!watch) return undefined;
    clearTimeout(watch.timer);
    watches.delete(tag);
    return watch;
  }

  function poll(tag: string): void {
    const watch = watches.get(tag);
    if (!watch) return;
    watch.timer = setTimeout(async () => {
      if (!watches.has(tag)) return;
      try {
        const entry = await kv.get<JSONRPCMessage>(watch.key);
        if (entry.value !== null && stop(tag)) {
          await kv.delete(watch.key);
          watch.transport.onmessage?.({ ...entry.value, id: watch.original } as JSONRPCMessage);
          return;
        }
      } catch (error) {
        logger.warn("mcp reply relay: cannot read a relayed answer", { error: String(error) });
      }
      if (clock.now() > watch.until) stop(tag);
      else poll(tag);
    }, pollMs);
  }

  function watchFor(sessionId: string, id: number, transport: RelayedTransport): string {
    const tag = `r:${process}:${id}`;
    stop(tag);
    watches.set(tag, {
      original: id,
      transport,
      key: keys.mcpReply(sessionId, tag),
      until: clock.now() + waitMs,
    });
    poll(tag);
    return tag;
  }

  return {
    attach(sessionId, transport) {
      const send = transport.send.bind(transport);
      transport.send = (message, options) => {
        const request = message as { method?: unknown; id?: unknown };
        if (typeof request.method === "string" && typeof request.id === "number") {
          const tag = watchFor(sessionId, request.id, transport);
          return send({ ...message, id: tag } as JSONRPCMessage, options);
        }
        return send(message, options);
      };
    },

    async route(sessionId, body) {
      const messages = Array.isArray(body) ? body : [body];
      const kept: unknown[] = [];
      const foreign: { tag: string; message: unknown }[] = [];
      for (const message of messages) {
        const tagged = answerTag(message);
        if (!tagged) {
          kept.push(message);
        } else if (tagged.process === process) {
          const watch = stop(tagged.tag);
          kept.push({ ...(message as object), id: watch?.original ?? tagged.original });
        } else {
          foreign.push({ tag: tagged.tag, message });
        }
      }
      if (foreign.length > 0) {
        await writes.commit((op) => {
          for (const { tag, message } of foreign) {
            op.set(keys.mcpReply(sessionId, tag), message, { expireIn: REPLY_TTL_MS });
          }
        });
      }
      if (kept.length === 0) return { kind: "relayed" };
      return { kind: "local", body: Array.isArray(body) ? kept : kept[0] };
    },

    close() {
      for (const tag of [...watches.keys()]) stop(tag);
    },
  };
}

/** The tag of a JSON-RPC answer (result or error) to a tagged request, if it is one. */
function answerTag(
  message: unknown,
): { tag: string; process: string; original: number } | undefined {
  if (!isAnswer(message) || typeof message.id !== "string") return undefined;
  const match = TAG.exec(message.id);
  return match ? { tag: message.id, process: match[1], original: Number(match[2]) } : undefined;
}
