/**
 * What a verified bearer token (OAuth access token or personal API key) grants.
 * The MCP layer receives this as the SDK's `AuthInfo.extra` and builds the
 * tool set from it; nothing else about the token reaches the tools.
 *
 * @module
 */

/** OAuth scopes this server understands. */
export type Scope = "xano:read" | "xano:write" | "xano:deploy" | "xano:admin";

/** All scopes, least to most powerful. */
export const ALL_SCOPES: readonly Scope[] = [
  "xano:read",
  "xano:write",
  "xano:deploy",
  "xano:admin",
];

/** The grant behind a verified token. */
export interface GrantContext {
  readonly userId: string;
  /** The OAuth grant or API key id. */
  readonly grantId: string;
  /** OAuth client id, or `api-key:<keyId>` for personal API keys. */
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  /** Only tools with `readOnlyHint: true` are listed and callable. */
  readonly readOnly: boolean;
  /** Enabled toolsets; `undefined` means the defaults. */
  readonly toolsets?: readonly string[];
  /** Optional pinned Xano workspace id. */
  readonly workspaceId?: number;
  /** Epoch ms when the token expires. */
  readonly expiresAt?: number;
}

/**
 * The one seam between the MCP endpoint and the authorization server: turns a
 * bearer string (OAuth access token or personal API key) into its grant, or
 * `null` when the token is unknown, expired, revoked or tampered with.
 * Implemented in `lib/auth/`; consumed by `mcp/app.ts`.
 */
export interface TokenVerifier {
  verify(token: string): Promise<GrantContext | null>;
}
