/**
 * Dashboard session cookies over {@link SessionStore}: `__Host-xmcp_session`
 * (HttpOnly, Secure, SameSite=Lax, Path=/) when the public URL is HTTPS, plain
 * `xmcp_session` on http://localhost where browsers refuse `__Host-`. Also the
 * short-lived flow cookie that binds a sign-in to the browser that started it.
 *
 * @example
 * ```ts
 * const web = createSessionCookies({ sessions, users, secure: true });
 * const current = await web.current(c); // { user, session } | null
 * ```
 * @module
 */

import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { randomToken } from "../crypto.ts";
import type { Session, SessionStore } from "../kv/sessions.ts";
import type { User, UserStore } from "../kv/users.ts";
import { AUTH_REQUEST_TTL_MS } from "./auth_requests.ts";

/** The signed-in user of a request. */
export interface CurrentSession {
  readonly user: User;
  readonly session: Session;
}

/** Cookie helpers; see {@link createSessionCookies}. */
export interface SessionCookies {
  /** The signed-in user, or `null`. */
  current(c: Context): Promise<CurrentSession | null>;
  /** Signs `userId` in: a new session replaces the browser's old one (rotation). */
  signIn(c: Context, userId: string): Promise<Session>;
  /** Deletes the session and its cookie. */
  signOut(c: Context): Promise<void>;
  /** The browser's flow secret, creating (and setting) one when absent. */
  flowSecret(c: Context): string;
  /** The browser's flow secret if it has one. */
  readFlowSecret(c: Context): string | undefined;
}

/** Creates {@link SessionCookies}. */
export function createSessionCookies(
  deps: { sessions: SessionStore; users: UserStore; secure: boolean },
): SessionCookies {
  const prefix = deps.secure ? "__Host-" : "";
  const sessionName = `${prefix}xmcp_session`;
  const flowName = `${prefix}xmcp_flow`;
  const base = { path: "/", httpOnly: true, secure: deps.secure, sameSite: "Lax" } as const;

  return {
    async current(c) {
      const token = getCookie(c, sessionName);
      if (!token) return null;
      const session = await deps.sessions.get(token);
      if (!session) return null;
      const user = await deps.users.get(session.userId);
      return user ? { user, session } : null;
    },
    async signIn(c, userId) {
      const { token, session } = await deps.sessions.create(userId, {
        replacing: getCookie(c, sessionName),
      });
      setCookie(c, sessionName, token, {
        ...base,
        maxAge: Math.floor((session.expiresAt - session.createdAt) / 1000),
      });
      return session;
    },
    async signOut(c) {
      const token = getCookie(c, sessionName);
      if (token) await deps.sessions.delete(token);
      deleteCookie(c, sessionName, base);
    },
    flowSecret(c) {
      const existing = getCookie(c, flowName);
      if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
      const secret = randomToken();
      setCookie(c, flowName, secret, {
        ...base,
        maxAge: AUTH_REQUEST_TTL_MS / 1000,
      });
      return secret;
    },
    readFlowSecret(c) {
      return getCookie(c, flowName);
    },
  };
}
