/**
 * The token side of the authorization server: authorization codes (single use,
 * short-lived, bound to client, redirect URI, PKCE challenge and resource),
 * the authorization-code and refresh-token grants, revocation, and access-token
 * verification. Refresh tokens rotate: each use issues a new pair; the old one
 * keeps working for a brief grace window (two tabs refreshing at once), and a
 * use after that window is treated as theft and revokes the whole grant. A
 * code presented twice revokes the grant it produced, too.
 *
 * @example
 * ```ts
 * const tokens = createTokenService({ kv, clock, ids, resource: "https://x.example/mcp" });
 * const code = await tokens.issueCode({ ... });
 * const set = await tokens.exchangeCode({ code, clientId, redirectUri, codeVerifier, resource });
 * await tokens.verify(set.accessToken); // GrantContext
 * ```
 * @module
 */

import type { Clock, IdGenerator } from "../clock.ts";
import { pkceChallengeS256, randomToken, sha256Hex, timingSafeEqual } from "../crypto.ts";
import { keys } from "../kv/keys.ts";
import {
  ACCESS_TOKEN_PREFIX,
  deleteToken,
  getGrant,
  type Grant,
  grantContext,
  issueTokens,
  REFRESH_TOKEN_PREFIX,
  revokeGrant,
  type TokenRecord,
  type TokenSet,
} from "./grants.ts";
import { sameResource } from "./metadata.ts";
import { OAuthError } from "./oauth_error.ts";
import type { GrantContext, Scope } from "./types.ts";

/** What the user approved on the consent page, bound into a code. */
export interface CodeInput {
  readonly userId: string;
  readonly clientId: string;
  readonly clientName?: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly resource: string;
  readonly scopes: readonly Scope[];
  readonly readOnly: boolean;
  readonly toolsets?: readonly string[];
  readonly workspaceId?: number;
}

interface CodeRecord extends CodeInput {
  readonly expiresAt: number;
  readonly usedAt?: number;
  readonly grantId?: string;
}

/** Lifetimes and windows, in ms. */
export interface TokenServiceTimes {
  readonly codeMs: number;
  readonly accessMs: number;
  readonly refreshMs: number;
  /** How long a rotated refresh token may still be used (concurrent refreshes). */
  readonly refreshGraceMs: number;
}

/** Defaults: code 2 min, access 1 h, refresh 30 d, grace 30 s. */
export const DEFAULT_TOKEN_TIMES: TokenServiceTimes = {
  codeMs: 2 * 60_000,
  accessMs: 3_600_000,
  refreshMs: 30 * 86_400_000,
  refreshGraceMs: 30_000,
};

/** Dependencies of {@link createTokenService}. */
export interface TokenServiceDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The one resource (audience) tokens are issued for: the canonical `/mcp` URL. */
  readonly resource: string;
  readonly times?: Partial<TokenServiceTimes>;
  /** Told after a token or grant is revoked (the verifier forgets what it remembered). */
  onRevoked?(): void;
}

/** The token service; see {@link createTokenService}. */
export interface TokenService {
  issueCode(input: CodeInput): Promise<string>;
  exchangeCode(input: {
    code: string;
    clientId: string;
    redirectUri: string;
    codeVerifier: string;
    resource?: string;
  }): Promise<TokenSet>;
  refresh(input: {
    refreshToken: string;
    clientId: string;
    resource?: string;
    scopes?: readonly Scope[];
  }): Promise<TokenSet>;
  /** RFC 7009: revokes an access token, or a refresh token with its whole grant. Unknown tokens are ignored. */
  revoke(token: string, clientId: string): Promise<void>;
  /** The grant behind a live access token for our resource, else `null`. */
  verify(token: string): Promise<GrantContext | null>;
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** Creates the {@link TokenService}. */
export function createTokenService(deps: TokenServiceDeps): TokenService {
  const { kv, clock } = deps;
  const times = { ...DEFAULT_TOKEN_TIMES, ...deps.times };
  const lifetimes = { accessMs: times.accessMs, refreshMs: times.refreshMs };

  function checkResource(resource: string | undefined, bound: string): void {
    if (resource !== undefined && !sameResource(resource, bound)) {
      throw new OAuthError("invalid_target", `Resource "${resource}" is not "${bound}"`);
    }
  }

  return {
    async issueCode(input) {
      const code = randomToken();
      const record: CodeRecord = { ...input, expiresAt: clock.now() + times.codeMs };
      // Kept past expiry so that a late second use is still recognised as reuse.
      await kv.set(keys.authCode(await sha256Hex(code)), record, { expireIn: times.codeMs * 5 });
      return code;
    },

    async exchangeCode(input) {
      const invalid = () =>
        new OAuthError("invalid_grant", "Authorization code is invalid, expired or already used");
      const key = keys.authCode(await sha256Hex(input.code));
      const entry = await kv.get<CodeRecord>(key);
      const record = entry.value;
      if (record === null) throw invalid();
      if (record.usedAt !== undefined) {
        if (record.grantId) await revokeGrant(kv, record.userId, record.grantId);
        deps.onRevoked?.();
        throw new OAuthError(
          "invalid_grant",
          "Authorization code was already used; the tokens issued for it are revoked",
        );
      }
      if (record.expiresAt <= clock.now()) throw invalid();
      if (record.clientId !== input.clientId) throw invalid();
      if (record.redirectUri !== input.redirectUri) {
        throw new OAuthError(
          "invalid_grant",
          "Redirect URI does not match the one used at authorization",
        );
      }
      checkResource(input.resource, record.resource);
      if (!VERIFIER.test(input.codeVerifier)) {
        throw new OAuthError(
          "invalid_grant",
          "Code verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~",
        );
      }
      if (!timingSafeEqual(await pkceChallengeS256(input.codeVerifier), record.codeChallenge)) {
        throw new OAuthError("invalid_grant", "Code verifier does not match the code challenge");
      }
      const grant: Grant = {
        id: deps.ids(),
        userId: record.userId,
        clientId: record.clientId,
        ...(record.clientName ? { clientName: record.clientName } : {}),
        scopes: record.scopes,
        readOnly: record.readOnly,
        ...(record.toolsets ? { toolsets: record.toolsets } : {}),
        ...(record.workspaceId !== undefined ? { workspaceId: record.workspaceId } : {}),
        resource: record.resource,
        createdAt: clock.now(),
      };
      const used: CodeRecord = { ...record, usedAt: clock.now(), grantId: grant.id };
      const set = await issueTokens(kv, clock, {
        grant,
        grantVersion: null,
        scopes: grant.scopes,
        lifetimes,
        also: (op) => op.check(entry).set(key, used, { expireIn: times.codeMs * 5 }),
      });
      if (set === null) throw invalid();
      return set;
    },

    async refresh(input) {
      const invalid = () =>
        new OAuthError("invalid_grant", "Refresh token is invalid, expired or revoked");
      if (!input.refreshToken.startsWith(REFRESH_TOKEN_PREFIX)) throw invalid();
      const hash = await sha256Hex(input.refreshToken);
      for (let attempt = 0; attempt < 5; attempt++) {
        const entry = await kv.get<TokenRecord>(keys.token(hash));
        const record = entry.value;
        const now = clock.now();
        if (record === null || record.kind !== "refresh" || record.expiresAt <= now) {
          throw invalid();
        }
        if (record.clientId !== input.clientId) throw invalid();
        checkResource(input.resource, record.resource);
        if (record.usedAt !== undefined && now - record.usedAt > times.refreshGraceMs) {
          await revokeGrant(kv, record.userId, record.grantId);
          deps.onRevoked?.();
          throw new OAuthError(
            "invalid_grant",
            "Refresh token was already used; the grant is revoked, sign in again",
          );
        }
        const grantEntry = await kv.get<Grant>(keys.grant(record.userId, record.grantId));
        if (grantEntry.value === null) throw invalid();
        const scopes = input.scopes ?? record.scopes;
        const extra = scopes.find((scope) => !record.scopes.includes(scope));
        if (extra) throw new OAuthError("invalid_scope", `Scope "${extra}" was not granted`);
        const set = await issueTokens(kv, clock, {
          grant: grantEntry.value,
          grantVersion: grantEntry.versionstamp,
          scopes,
          refreshScopes: record.scopes,
          lifetimes,
          also: record.usedAt !== undefined
            ? undefined
            : (op) =>
              op.check(entry).set(keys.token(hash), { ...record, usedAt: now }, {
                expireIn: Math.max(1, record.expiresAt - now),
              }),
        });
        if (set) return set;
      }
      throw new OAuthError("temporarily_unavailable", "Too many concurrent refreshes; try again");
    },

    async revoke(token, clientId) {
      const hash = await sha256Hex(token);
      const record = (await kv.get<TokenRecord>(keys.token(hash))).value;
      if (record === null || record.clientId !== clientId) return;
      if (record.kind === "refresh") await revokeGrant(kv, record.userId, record.grantId);
      else await deleteToken(kv, hash, record);
      deps.onRevoked?.();
    },

    async verify(token) {
      if (!token.startsWith(ACCESS_TOKEN_PREFIX) || token.length > 200) return null;
      const record = (await kv.get<TokenRecord>(keys.token(await sha256Hex(token)))).value;
      if (record === null || record.kind !== "access") return null;
      if (record.expiresAt <= clock.now() || record.resource !== deps.resource) return null;
      const grant = await getGrant(kv, record.userId, record.grantId);
      if (grant === null || grant.resource !== deps.resource) return null;
      return grantContext(grant, record);
    },
  };
}
