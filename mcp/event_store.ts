/**
 * SSE event store in Deno KV, so a client can resume a broken stream with
 * `Last-Event-ID` on any process that shares the KV, even after a restart.
 * Events are namespaced by session; an event id encodes its stream
 * (`<stream>:<sequence>`), as the 2025-11-25 transport rules recommend.
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
import type { EventStore, JSONRPCMessage } from "./sdk.ts";

/** How long stored events stay replayable. */
export const EVENT_TTL_MS = 15 * 60_000;

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
  const streamKey = (streamId: string) => `${sessionId}/${streamId}`;

  function nextSequence(): string {
    counter = (counter + 1) % 1_000_000;
    return `${String(clock.now()).padStart(15, "0")}${String(counter).padStart(6, "0")}`;
  }

  const store: KvEventStore = {
    muted: false,
    async storeEvent(streamId, message) {
      const sequence = nextSequence();
      const eventId = `${streamId}:${sequence}`;
      // A priming event (empty message) only marks a position: replay starts after its sequence
      // and never sends it, so it needs no record (saves one durable KV write per SSE stream).
      if (store.muted || Object.keys(message).length === 0) return eventId;
      const json = JSON.stringify(message);
      const stream = streamKey(streamId);
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
      const prefix = prefixes.mcpEvents(streamKey(parsed.streamId));
      const start = keys.mcpEvent(streamKey(parsed.streamId), parsed.sequence);
      const now = clock.now();
      for await (const entry of kv.list<StoredEvent>({ prefix, start })) {
        const sequence = String(entry.key.at(-1));
        if (sequence <= parsed.sequence || entry.value.expiresAt <= now) continue;
        const message = entry.value.message ??
          await joinParts(kv, streamKey(parsed.streamId), sequence, entry.value.parts ?? 0);
        if (!message || Object.keys(message).length === 0) continue; // priming (older records)
        await send(`${parsed.streamId}:${sequence}`, message as JSONRPCMessage);
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

function parseEventId(eventId: string): { streamId: string; sequence: string } | undefined {
  const match = /^([A-Za-z0-9_-]{1,64}):(\d{21})$/.exec(eventId);
  return match ? { streamId: match[1], sequence: match[2] } : undefined;
}
