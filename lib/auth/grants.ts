/**
 * Grants (what a user allowed a client to do) and the tokens issued under
 * them. Every token is stored only as the SHA-256 of its bearer string, with a
 * pointer under its grant so a grant can be revoked with all its tokens.
 * Tokens are issued in one atomic commit that also checks the grant is still
 * there, so nothing can be issued under a grant once it is revoked.
 *
 * @module
 */

import type { GrantContext, Scope } from "./types.ts";
import type { Clock } from "../clock.ts";
import { randomToken, sha256Hex } from "../crypto.ts";
import { keys, prefixes } from "../kv/keys.ts";

/** What a user allowed a client to do. */
export interface Grant {
  readonly id: string;
  readonly userId: string;
  readonly clientId: string;
  readonly clientName?: string;
  readonly scopes: readonly Scope[];
  readonly readOnly: boolean;
  readonly toolsets?: readonly string[];
  readonly workspaceId?: number;
  /** The audience: the canonical `/mcp` URL. */
  readonly resource: string;
  readonly createdAt: number;
}

/** A stored token (the bearer string itself is never stored). */
export interface TokenRecord {
  readonly kind: "access" | "refresh";
  readonly userId: string;
  readonly grantId: string;
  readonly clientId: string;
  readonly resource: string;
  readonly scopes: readonly Scope[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** Refresh tokens: when the token was first exchanged (rotation). */
  readonly usedAt?: number;
}

/** A freshly issued access + refresh token pair. */
export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Access-token lifetime in seconds. */
  readonly expiresIn: number;
  readonly scopes: readonly Scope[];
}

/** Lifetimes, in ms. */
export interface TokenLifetimes {
  readonly accessMs: number;
  readonly refreshMs: number;
}

/** Prefix of OAuth access tokens. */
export const ACCESS_TOKEN_PREFIX = "xmcp_at_";
/** Prefix of OAuth refresh tokens. */
export const REFRESH_TOKEN_PREFIX = "xmcp_rt_";

/** Reads a grant. */
export async function getGrant(
  kv: Deno.Kv,
  userId: string,
  grantId: string,
): Promise<Grant | null> {
  return (await kv.get<Grant>(keys.grant(userId, grantId))).value;
}

/** Lists a user's grants, newest first. */
export async function listGrants(kv: Deno.Kv, userId: string): Promise<Grant[]> {
  const grants: Grant[] = [];
  for await (const entry of kv.list<Grant>({ prefix: prefixes.grantsOfUser(userId) })) {
    grants.push(entry.value);
  }
  return grants.sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Issues an access + refresh pair under `grant`. With `create`, the grant is
 * created in the same commit; otherwise the commit fails (returns `null`) if
 * the grant changed or vanished since `grantVersion` was read.
 */
export async function issueTokens(
  kv: Deno.Kv,
  clock: Clock,
  input: {
    grant: Grant;
    grantVersion: string | null;
    /** Scopes of the access token. */
    scopes: readonly Scope[];
    /** Scopes of the refresh token (default: `scopes`). */
    refreshScopes?: readonly Scope[];
    lifetimes: TokenLifetimes;
    /** Extra mutation to include (marking a code or refresh token used). */
    also?: (op: Deno.AtomicOperation) => Deno.AtomicOperation;
  },
): Promise<TokenSet | null> {
  const { grant, lifetimes } = input;
  const now = clock.now();
  const accessToken = ACCESS_TOKEN_PREFIX + randomToken();
  const refreshToken = REFRESH_TOKEN_PREFIX + randomToken();
  const base = {
    userId: grant.userId,
    grantId: grant.id,
    clientId: grant.clientId,
    resource: grant.resource,
    scopes: input.scopes,
    issuedAt: now,
  };
  const access: TokenRecord = { ...base, kind: "access", expiresAt: now + lifetimes.accessMs };
  const refresh: TokenRecord = {
    ...base,
    kind: "refresh",
    scopes: input.refreshScopes ?? input.scopes,
    expiresAt: now + lifetimes.refreshMs,
  };
  const accessHash = await sha256Hex(accessToken);
  const refreshHash = await sha256Hex(refreshToken);
  let op = kv.atomic().check({
    key: keys.grant(grant.userId, grant.id),
    versionstamp: input.grantVersion,
  });
  if (input.grantVersion === null) op = op.set(keys.grant(grant.userId, grant.id), grant);
  op = op
    .set(keys.token(accessHash), access, { expireIn: lifetimes.accessMs })
    .set(keys.tokenByGrant(grant.id, accessHash), access.expiresAt, {
      expireIn: lifetimes.accessMs,
    })
    .set(keys.token(refreshHash), refresh, { expireIn: lifetimes.refreshMs })
    .set(keys.tokenByGrant(grant.id, refreshHash), refresh.expiresAt, {
      expireIn: lifetimes.refreshMs,
    });
  if (input.also) op = input.also(op);
  const result = await op.commit();
  if (!result.ok) return null;
  return {
    accessToken,
    refreshToken,
    expiresIn: Math.floor(lifetimes.accessMs / 1000),
    scopes: input.scopes,
  };
}

/** Deletes a grant and every token issued under it. Returns false when there was no such grant. */
export async function revokeGrant(kv: Deno.Kv, userId: string, grantId: string): Promise<boolean> {
  const entry = await kv.get<Grant>(keys.grant(userId, grantId));
  await kv.delete(keys.grant(userId, grantId));
  for await (const pointer of kv.list({ prefix: prefixes.tokensOfGrant(grantId) })) {
    const hash = pointer.key[pointer.key.length - 1] as string;
    await kv.atomic().delete(keys.token(hash)).delete(pointer.key).commit();
  }
  return entry.value !== null;
}

/** Deletes one token (and its pointer). */
export async function deleteToken(kv: Deno.Kv, hash: string, record: TokenRecord): Promise<void> {
  await kv.atomic().delete(keys.token(hash)).delete(keys.tokenByGrant(record.grantId, hash))
    .commit();
}

/** The {@link GrantContext} a verified access token carries. */
export function grantContext(grant: Grant, token: TokenRecord): GrantContext {
  return {
    userId: grant.userId,
    grantId: grant.id,
    clientId: grant.clientId,
    scopes: token.scopes,
    readOnly: grant.readOnly,
    ...(grant.toolsets ? { toolsets: grant.toolsets } : {}),
    ...(grant.workspaceId !== undefined ? { workspaceId: grant.workspaceId } : {}),
    expiresAt: token.expiresAt,
  };
}
