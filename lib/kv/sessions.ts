/**
 * Dashboard sessions. The cookie carries a random token; KV holds only its
 * SHA-256, so a KV dump cannot be replayed as a cookie. Each session has its
 * own CSRF token for the forms it renders. Sign-in always creates a fresh
 * session and deletes the one the browser had (rotation), which defeats
 * session fixation.
 *
 * @example
 * ```ts
 * const sessions = createSessionStore({ kv, clock });
 * const { token } = await sessions.create("u-1");
 * const session = await sessions.get(token);
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import { randomToken, sha256Hex } from "../crypto.ts";
import { keys, prefixes } from "./keys.ts";
import { createWithIndexes, getLive } from "./store.ts";

/** A signed-in browser. */
export interface Session {
  readonly userId: string;
  /** Token that forms rendered for this session must post back. */
  readonly csrf: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** The session store; see {@link createSessionStore}. */
export interface SessionStore {
  /** Creates a session for `userId`; `replacing` (the browser's previous cookie) is deleted. */
  create(
    userId: string,
    options?: { replacing?: string },
  ): Promise<{ token: string; session: Session }>;
  /** The live session for a cookie value, or `null`. */
  get(token: string): Promise<Session | null>;
  /** Deletes the session for a cookie value (sign-out). */
  delete(token: string): Promise<void>;
  /** Deletes every session of a user. */
  deleteAllOf(userId: string): Promise<number>;
}

/** Dependencies and settings of {@link createSessionStore}. */
export interface SessionStoreDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  /** Session lifetime in ms (default 7 days). */
  readonly ttlMs?: number;
}

/** Default session lifetime: 7 days. */
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;

/** Creates the {@link SessionStore}. */
export function createSessionStore(
  { kv, clock, ttlMs = SESSION_TTL_MS }: SessionStoreDeps,
): SessionStore {
  async function remove(token: string): Promise<void> {
    const hash = await sha256Hex(token);
    const entry = await kv.get<Session>(keys.session(hash));
    const op = kv.atomic().delete(keys.session(hash));
    if (entry.value) op.delete(keys.sessionByUser(entry.value.userId, hash));
    await op.commit();
  }

  return {
    async create(userId, options = {}) {
      if (options.replacing) await remove(options.replacing);
      const token = randomToken();
      const hash = await sha256Hex(token);
      const now = clock.now();
      const session: Session = {
        userId,
        csrf: randomToken(),
        createdAt: now,
        expiresAt: now + ttlMs,
      };
      await createWithIndexes(kv, {
        key: keys.session(hash),
        value: session,
        indexes: [{ key: keys.sessionByUser(userId, hash), value: session.expiresAt }],
        expireIn: ttlMs,
      });
      return { token, session };
    },
    async get(token) {
      if (!token) return null;
      return (await getLive<Session>(kv, keys.session(await sha256Hex(token)), clock)).value;
    },
    delete: remove,
    async deleteAllOf(userId) {
      let count = 0;
      for await (const entry of kv.list({ prefix: prefixes.sessionsByUser(userId) })) {
        const hash = entry.key[entry.key.length - 1] as string;
        await kv.atomic().delete(keys.session(hash)).delete(entry.key).commit();
        count++;
      }
      return count;
    },
  };
}
