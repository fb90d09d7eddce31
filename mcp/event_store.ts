/**
 * SSE event store in Deno KV, so a client can resume a broken stream with
 * `Last-Event-ID` on any process that shares the KV, even after a restart.
 * Events are namespaced by session; an event id encodes its stream
 * (`<stream>:<sequence>`), as the 2025-11-25 transport rules recommend.
 *
 * @module
 */

import type { Clock } from "../lib/clock.ts";
import { keys, prefixes } from "../lib/kv/keys.ts";
import type { EventStore, JSONRPCMessage } from "./sdk.ts";

/** How long stored events stay replayable. */
export const EVENT_TTL_MS = 15 * 60_000;

interface StoredEvent {
  readonly message: JSONRPCMessage | Record<string, never>;
  readonly expiresAt: number;
}

/** Options of {@link createKvEventStore}. */
export interface KvEventStoreOptions {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly sessionId: string;
  readonly ttlMs?: number;
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
      const value: StoredEvent = { message, expiresAt: clock.now() + ttl };
      await kv.set(keys.mcpEvent(streamKey(streamId), sequence), value, { expireIn: ttl });
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
        if (Object.keys(entry.value.message).length === 0) continue; // priming (older records)
        await send(`${parsed.streamId}:${sequence}`, entry.value.message as JSONRPCMessage);
      }
      return parsed.streamId;
    },
  };
  return store;
}

function parseEventId(eventId: string): { streamId: string; sequence: string } | undefined {
  const match = /^([A-Za-z0-9_-]{1,64}):(\d{21})$/.exec(eventId);
  return match ? { streamId: match[1], sequence: match[2] } : undefined;
}
