/**
 * The {@link TokenVerifier} the MCP endpoint uses: OAuth access tokens and
 * personal API keys, told apart by their prefixes. Anything else, and any
 * unknown, expired, revoked or altered token, verifies as `null`.
 *
 * A verified token is remembered for `cacheMs` (keyed by its SHA-256, never
 * the token itself, and never past its own expiry), so a busy client costs
 * no KV read per request. For one more `cacheMs` a stale entry still answers
 * while KV is read again in the background, so a steady client never waits
 * for a read. Revocations made in this process call
 * {@link CachingTokenVerifier.forget} and apply at once; a revocation made by
 * another process sharing the KV applies within about two `cacheMs`.
 *
 * @example
 * ```ts
 * const verifier = createTokenVerifier({ tokens, apiKeys, clock, cacheMs: 1_000 });
 * const grant = await verifier.verify(bearer); // GrantContext | null
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import { sha256Hex } from "../crypto.ts";
import { API_KEY_PREFIX, type ApiKeyStore } from "./api_keys.ts";
import type { TokenService } from "./tokens.ts";
import type { GrantContext, TokenVerifier } from "./types.ts";

/** Dependencies of {@link createTokenVerifier}. */
export interface TokenVerifierDeps {
  readonly tokens: Pick<TokenService, "verify">;
  readonly apiKeys: Pick<ApiKeyStore, "verify">;
  readonly clock?: Clock;
  /** How long a verified token is trusted without reading KV again (default 0: always read). */
  readonly cacheMs?: number;
  /** Most tokens remembered (default 10 000; the oldest is dropped first). */
  readonly maxEntries?: number;
}

/** A {@link TokenVerifier} with a short-lived memory of verified tokens. */
export interface CachingTokenVerifier extends TokenVerifier {
  /** Forgets every remembered token (call after any revocation). */
  forget(): void;
}

interface Remembered {
  readonly grant: GrantContext;
  readonly until: number;
}

/** Creates the combined {@link TokenVerifier}. */
export function createTokenVerifier(deps: TokenVerifierDeps): CachingTokenVerifier {
  const { tokens, apiKeys } = deps;
  const cacheMs = deps.clock ? deps.cacheMs ?? 0 : 0;
  const maxEntries = deps.maxEntries ?? 10_000;
  const remembered = new Map<string, Remembered>();
  /** Lookups under way, so a burst of requests with one new token reads KV once. */
  const pending = new Map<string, Promise<GrantContext | null>>();
  let generation = 0;

  function lookup(token: string): Promise<GrantContext | null> {
    return token.startsWith(API_KEY_PREFIX) ? apiKeys.verify(token) : tokens.verify(token);
  }

  /** Reads KV for `token` (once, however many ask at the same time) and remembers the answer. */
  function refresh(hash: string, token: string, now: number): Promise<GrantContext | null> {
    let lookingUp = pending.get(hash);
    if (!lookingUp) {
      const started = generation;
      lookingUp = lookup(token).then((grant) => {
        // A revocation while KV was being read may have removed what was read: keep nothing.
        if (grant && started === generation) {
          const until = Math.min(now + cacheMs, grant.expiresAt ?? Infinity);
          remembered.delete(hash);
          remembered.set(hash, { grant, until });
          if (remembered.size > maxEntries) remembered.delete(remembered.keys().next().value!);
        } else {
          remembered.delete(hash);
        }
        return grant;
      }).finally(() => pending.delete(hash));
      pending.set(hash, lookingUp);
    }
    return lookingUp;
  }

  return {
    async verify(token) {
      if (typeof token !== "string" || token.length === 0) return null;
      if (cacheMs <= 0 || token.length > 200) return await lookup(token);
      const now = deps.clock!.now();
      const hash = await sha256Hex(token);
      const known = remembered.get(hash);
      if (known && known.until > now) return known.grant;
      if (known && known.until + cacheMs > now && (known.grant.expiresAt ?? Infinity) > now) {
        // Stale by less than one more cacheMs: answer with it, and read KV for the next request.
        refresh(hash, token, now).catch(() => {});
        return known.grant;
      }
      if (known) remembered.delete(hash);
      return await refresh(hash, token, now);
    },
    forget() {
      generation++;
      remembered.clear();
    },
  };
}
