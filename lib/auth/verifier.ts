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
import { createStaleCache } from "../stale_cache.ts";
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

/** Creates the combined {@link TokenVerifier}. */
export function createTokenVerifier(deps: TokenVerifierDeps): CachingTokenVerifier {
  const { tokens, apiKeys } = deps;
  const cacheMs = deps.cacheMs ?? 0;
  const lookup = (token: string): Promise<GrantContext | null> =>
    token.startsWith(API_KEY_PREFIX) ? apiKeys.verify(token) : tokens.verify(token);
  // Keyed by the token's SHA-256; the token itself only reaches the read.
  const remembered = deps.clock && cacheMs > 0
    ? createStaleCache<string, GrantContext | null, [token: string]>({
      clock: deps.clock,
      freshMs: cacheMs,
      maxEntries: deps.maxEntries,
      load: (_hash, token) => lookup(token),
      expiresAt: (grant) => grant?.expiresAt,
    })
    : undefined;

  return {
    async verify(token) {
      if (typeof token !== "string" || token.length === 0) return null;
      if (!remembered || token.length > 200) return await lookup(token);
      return await remembered.get(await sha256Hex(token), token);
    },
    forget() {
      remembered?.forget();
    },
  };
}
