/**
 * SSE event store in Deno KV, so a client can resume a broken stream with
 * `Last-Event-ID` on any process that shares the KV, even after a restart.
 * Events are namespaced by session; an event id encodes its stream
 * (`<stream>:<opened>-<sequence>`), as the 2025-11-25 transport rules recommend.
 *
 * A request's stream is keyed by the time it opened, then session and stream
 * (`<opened>/<session>/<stream>`), and the opening time travels in every event
 * id, so resuming needs nothing but the id. New events therefore land at the
 * end of KV's key order instead of at a random place (request streams have
 * random ids): a commit of ten answers touches a page or two rather than ten,
 * ~40 % less time, and a far shorter tail (`bench/kv_event_keys_bench.ts`). A GET
 * stream (sessions no longer keep one; an older version's may be resumed), and ids
 * of the older `<stream>:<sequence>` form, keep the `<session>/<stream>` key.
 *
 * Writes go through the process's group commit: concurrent sessions share one
 * durable commit, and the audit record of the tool call being answered rides
 * in the same one. An event larger than one KV value is split into parts
 * written in the same commit; one too large for a commit is sent but not kept
 * (a resumed stream skips it), and the caller is told through `onTooLarge`.
 *
 * @module
 */

import type { Clock } from "../lib/clock.ts";
import { createGroupCommit, type GroupCommit } from "../lib/kv/group_commit.ts";
import { keys, prefixes } from "../lib/kv/keys.ts";
import { isAnswer } from "./jsonrpc.ts";
import type { EventStore, JSONRPCMessage } from "./sdk.ts";

/** How long stored events stay replayable. */
export const EVENT_TTL_MS = 15 * 60_000;

/** The SDK's id of a session's standalone GET stream (v1 and v2 SDKs), resumed from older versions' ids. */
const STANDALONE_STREAM = "_GET_stream";

/** Answered request streams whose opening time is kept, per session (for late events of a batch). */
const ANSWERED_KEPT = 16;

/** Characters of JSON per KV value (at most 2 bytes each: under KV's 64 KiB value limit). */
const PART_CHARS = 30_000;
/** Most parts of one event (2 bytes per character stays under KV's 800 KiB per commit). */
const MAX_PARTS = 12;

interface StoredEvent {
  /** The message, or nothing when it is stored as `parts` JSON fragments. */
  readonly message?: JSONRPCMessage | Record<string, never>;
  readonly parts?: number;
  readonly expiresAt: number;
}

/** Options of {@link createKvEventStore}. */
export interface KvEventStoreOptions {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly sessionId: string;
  readonly ttlMs?: number;
  /** The process's shared group commit (default: one of this store's own). */
  readonly writes?: GroupCommit;
  /** Told when an event is too large to keep for resumption (it is still sent). */
  onTooLarge?(chars: number): void;
}

/** An {@link EventStore} that can be muted (while a session is rebuilt). */
export interface KvEventStore extends EventStore {
  muted: boolean;
}

/**
 * Creates the event store of one session.
 *
 * @example
 * ```ts
 * const store = createKvEventStore({ kv, clock, sessionId });
 * new WebStandardStreamableHTTPServerTransport({ eventStore: store, ... });
 * ```
 */
export function createKvEventStore(options: KvEventStoreOptions): KvEventStore {
  const { kv, clock, sessionId } = options;
  const ttl = options.ttlMs ?? EVENT_TTL_MS;
  const writes = options.writes ?? createGroupCommit(kv);
  let counter = 0;
  // When each open request stream of this session opened, most recently used last; streams
  // move to `answered` once their response is stored (a few are kept for late events).
  const opened = new Map<string, { at: string; usedAt: number }>();
  const answered = new Map<string, string>();
  const streamKey = (streamId: string, at?: string) =>
    at === undefined ? `${sessionId}/${streamId}` : `${at}/${sessionId}/${streamId}`;

  function nextSequence(): string {
    counter = (counter + 1) % 1_000_000;
    return `${pad15(clock.now())}${String(counter).padStart(6, "0")}`;
  }

  /**
   * When `streamId` opened (now, for a stream not seen yet); none for the GET stream. A stream
   * whose response this is is done: it moves to the last {@link ANSWERED_KEPT} answered ones.
   */
  function openedAt(streamId: string, message: object, now: number): string | undefined {
    if (streamId === STANDALONE_STREAM) return undefined;
    const at = opened.get(streamId)?.at ?? answered.get(streamId) ?? pad15(now);
    opened.delete(streamId);
    answered.delete(streamId);
    if (isAnswer(message)) {
      answered.set(streamId, at);
      if (answered.size > ANSWERED_KEPT) answered.delete(answered.keys().next().value!);
      return at;
    }
    opened.set(streamId, { at, usedAt: now });
    // Streams idle for longer than events live (their client went away) are dropped.
    for (const [id, entry] of opened) {
      if (now - entry.usedAt < ttl) break;
      opened.delete(id);
    }
    return at;
  }

  const store: KvEventStore = {
    muted: false,
    async storeEvent(streamId, message) {
      const sequence = nextSequence();
      const at = openedAt(streamId, message, clock.now());
      const eventId = eventIdOf(streamId, at, sequence);
      // A priming event (empty message) only marks a position: replay starts after its sequence
      // and never sends it, so it needs no record (saves one durable KV write per SSE stream).
      if (store.muted || Object.keys(message).length === 0) return eventId;
      const json = JSON.stringify(message);
      const stream = streamKey(streamId, at);
      const expiresAt = clock.now() + ttl;
      if (json.length <= PART_CHARS) {
        await writes.commit(
          (op) =>
            op.set(keys.mcpEvent(stream, sequence), { message, expiresAt }, { expireIn: ttl }),
          { bytes: 2 * json.length + 200 },
        );
        return eventId;
      }
      const parts = Math.ceil(json.length / PART_CHARS);
      if (parts > MAX_PARTS) {
        options.onTooLarge?.(json.length);
        return eventId;
      }
      await writes.commit((op) => {
        const head: StoredEvent = { parts, expiresAt };
        op.set(keys.mcpEvent(stream, sequence), head, { expireIn: ttl });
        for (let i = 0; i < parts; i++) {
          const fragment = json.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
          op.set(keys.mcpEventPart(stream, sequence, i), fragment, { expireIn: ttl });
        }
      }, { bytes: 2 * json.length + 200 * (parts + 1) });
      return eventId;
    },
    getStreamIdForEventId(eventId) {
      return Promise.resolve(parseEventId(eventId)?.streamId);
    },
    async replayEventsAfter(lastEventId, { send }) {
      const parsed = parseEventId(lastEventId);
      if (!parsed) throw new Error(`Invalid event id "${lastEventId}"`);
      const stream = streamKey(parsed.streamId, parsed.opened);
      // Events this process adds to the stream after the replay go under the same key.
      if (parsed.opened !== undefined && !opened.has(parsed.streamId)) {
        opened.set(parsed.streamId, { at: parsed.opened, usedAt: clock.now() });
      }
      const prefix = prefixes.mcpEvents(stream);
      const start = keys.mcpEvent(stream, parsed.sequence);
      const now = clock.now();
      for await (const entry of kv.list<StoredEvent>({ prefix, start })) {
        const sequence = String(entry.key.at(-1));
        if (sequence <= parsed.sequence || entry.value.expiresAt <= now) continue;
        const message = entry.value.message ??
          await joinParts(kv, stream, sequence, entry.value.parts ?? 0);
        if (!message || Object.keys(message).length === 0) continue; // priming (older records)
        await send(eventIdOf(parsed.streamId, parsed.opened, sequence), message as JSONRPCMessage);
      }
      return parsed.streamId;
    },
  };
  return store;
}

/** Reassembles an event stored in parts; `undefined` when a part is missing (expired). */
async function joinParts(
  kv: Deno.Kv,
  stream: string,
  sequence: string,
  parts: number,
): Promise<JSONRPCMessage | undefined> {
  const fragments: string[] = [];
  for await (const entry of kv.list<string>({ prefix: prefixes.mcpEventParts(stream, sequence) })) {
    fragments.push(entry.value);
  }
  return fragments.length === parts && parts > 0
    ? JSON.parse(fragments.join("")) as JSONRPCMessage
    : undefined;
}

/** `<stream>:<opened>-<sequence>`, or `<stream>:<sequence>` for the GET stream (the older form). */
function eventIdOf(streamId: string, opened: string | undefined, sequence: string): string {
  return opened === undefined ? `${streamId}:${sequence}` : `${streamId}:${opened}-${sequence}`;
}

function parseEventId(
  eventId: string,
): { streamId: string; opened?: string; sequence: string } | undefined {
  const match = /^([A-Za-z0-9_-]{1,64}):(?:(\d{15})-)?(\d{21})$/.exec(eventId);
  if (!match) return undefined;
  return match[2] === undefined
    ? { streamId: match[1], sequence: match[3] }
    : { streamId: match[1], opened: match[2], sequence: match[3] };
}

function pad15(ms: number): string {
  return String(ms).padStart(15, "0");
}
