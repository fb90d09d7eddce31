/**
 * The {@link TokenVerifier} the MCP endpoint uses: OAuth access tokens and
 * personal API keys, told apart by their prefixes. Anything else, and any
 * unknown, expired, revoked or altered token, verifies as `null`.
 *
 * @example
 * ```ts
 * const verifier = createTokenVerifier({ tokens, apiKeys });
 * const grant = await verifier.verify(bearer); // GrantContext | null
 * ```
 * @module
 */

import { API_KEY_PREFIX, type ApiKeyStore } from "./api_keys.ts";
import type { TokenService } from "./tokens.ts";
import type { TokenVerifier } from "./types.ts";

/** Dependencies of {@link createTokenVerifier}. */
export interface TokenVerifierDeps {
  readonly tokens: Pick<TokenService, "verify">;
  readonly apiKeys: Pick<ApiKeyStore, "verify">;
}

/** Creates the combined {@link TokenVerifier}. */
export function createTokenVerifier({ tokens, apiKeys }: TokenVerifierDeps): TokenVerifier {
  return {
    verify(token) {
      if (typeof token !== "string" || token.length === 0) return Promise.resolve(null);
      return token.startsWith(API_KEY_PREFIX) ? apiKeys.verify(token) : tokens.verify(token);
    },
  };
}
