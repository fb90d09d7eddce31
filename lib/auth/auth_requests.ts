/**
 * A sign-in in progress: the validated `/authorize` parameters (or a dashboard
 * page to return to), the CSRF token its forms must post back, and the hash of
 * a browser-binding cookie. A form post is accepted only from the browser that
 * started the flow with the token that flow rendered, so another site cannot
 * post a sign-in or a consent on someone's behalf, nor lure them into finishing
 * a flow the attacker started.
 *
 * @module
 */

import type { Clock, IdGenerator } from "../clock.ts";
import { randomToken, sha256Hex, timingSafeEqual } from "../crypto.ts";
import { keys } from "../kv/keys.ts";
import { createWithIndexes, getLive } from "../kv/store.ts";
import type { Scope } from "./types.ts";

/** Validated `/authorize` parameters. */
export interface OAuthRequest {
  readonly clientId: string;
  readonly clientName?: string;
  readonly redirectUri: string;
  readonly state?: string;
  readonly codeChallenge: string;
  readonly scopes: readonly Scope[];
  readonly resource: string;
}

/** A sign-in in progress. */
export interface AuthRequest {
  readonly id: string;
  readonly csrf: string;
  readonly browserHash: string;
  readonly expiresAt: number;
  /** Set for MCP client authorizations. */
  readonly oauth?: OAuthRequest;
  /** Set for dashboard sign-ins: a local path. */
  readonly returnTo?: string;
}

/** The store; see {@link createAuthRequestStore}. */
export interface AuthRequestStore {
  /** Starts a flow bound to the browser holding `browserSecret` (the flow cookie). */
  create(
    browserSecret: string,
    input: { oauth?: OAuthRequest; returnTo?: string },
  ): Promise<AuthRequest>;
  /** The live flow `id` if `browserSecret` is the one that started it; else `null`. */
  get(id: string, browserSecret: string | undefined): Promise<AuthRequest | null>;
  delete(id: string): Promise<void>;
}

/** How long a sign-in may take. */
export const AUTH_REQUEST_TTL_MS = 15 * 60_000;

/** Checks a posted CSRF token against the flow's, in constant time. */
export function csrfMatches(expected: string, posted: unknown): boolean {
  return typeof posted === "string" && posted.length > 0 && timingSafeEqual(expected, posted);
}

/** Creates the {@link AuthRequestStore}. */
export function createAuthRequestStore(
  { kv, clock, ids }: { kv: Deno.Kv; clock: Clock; ids: IdGenerator },
): AuthRequestStore {
  return {
    async create(browserSecret, input) {
      const request: AuthRequest = {
        id: ids(),
        csrf: randomToken(),
        browserHash: await sha256Hex(browserSecret),
        expiresAt: clock.now() + AUTH_REQUEST_TTL_MS,
        ...input,
      };
      await createWithIndexes(kv, {
        key: keys.authRequest(request.id),
        value: request,
        expireIn: AUTH_REQUEST_TTL_MS,
      });
      return request;
    },
    async get(id, browserSecret) {
      if (!id || !browserSecret || id.length > 100) return null;
      const request = (await getLive<AuthRequest>(kv, keys.authRequest(id), clock)).value;
      if (request === null) return null;
      return timingSafeEqual(request.browserHash, await sha256Hex(browserSecret)) ? request : null;
    },
    async delete(id) {
      await kv.delete(keys.authRequest(id));
    },
  };
}
