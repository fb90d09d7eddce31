/**
 * Every Deno KV key the app writes, as typed builders. Keys are tuples whose
 * first part is a snake_case plural namespace; secondary indexes are pointer
 * entries written in the same atomic commit as their record. The README's
 * "KV key space" table documents each one; keep both in step.
 *
 * @example
 * ```ts
 * await kv.get(keys.user("u-1"));
 * ```
 * @module
 */

/** A KV key built by this module. */
export type Key = readonly Deno.KvKeyPart[];

/** Key builders, one per record kind, grouped by store. */
export const keys = {
  // --- users and dashboard sessions
  /** `User` record. */
  user: (userId: string) => ["users", userId] as const,
  /** Pointer: normalised Xano identity (for example `email:demo@example.com`) → user id. */
  userByIdentity: (identity: string) => ["users_by_identity", identity] as const,
  /** Dashboard session, keyed by the SHA-256 of the cookie value. */
  session: (sessionHash: string) => ["sessions", sessionHash] as const,
  /** Pointer for listing and revoking a user's sessions. */
  sessionByUser: (userId: string, sessionHash: string) =>
    ["sessions_by_user", userId, sessionHash] as const,

  // --- upstream Xano credentials
  /** Sealed Xano credential of a user (AES-GCM, AAD = user id). */
  xanoCredential: (userId: string) => ["xano_credentials", userId] as const,
  /** Short lease that makes one process the refresher of a user's credential. */
  credentialLease: (userId: string) => ["credential_leases", userId] as const,

  // --- OAuth authorization server
  /** Registered OAuth client (DCR or cached metadata document). */
  oauthClient: (clientId: string) => ["oauth_clients", clientId] as const,
  /** Pending authorization request between `/authorize` and consent. */
  authRequest: (requestId: string) => ["auth_requests", requestId] as const,
  /** Authorization code, keyed by its SHA-256. */
  authCode: (codeHash: string) => ["auth_codes", codeHash] as const,
  /** A grant: what a user allowed a client to do. */
  grant: (userId: string, grantId: string) => ["grants", userId, grantId] as const,
  /** Access or refresh token, keyed by its SHA-256. */
  token: (tokenHash: string) => ["tokens", tokenHash] as const,
  /** Pointer for revoking every token of a grant at once. */
  tokenByGrant: (grantId: string, tokenHash: string) =>
    ["tokens_by_grant", grantId, tokenHash] as const,
  /** Personal API key record. */
  apiKey: (userId: string, keyId: string) => ["api_keys", userId, keyId] as const,
  /** Pointer: SHA-256 of an API key → its owner and id. */
  apiKeyByHash: (keyHash: string) => ["api_keys_by_hash", keyHash] as const,

  // --- MCP runtime
  /** MCP session state that any process sharing the KV can serve. */
  mcpSession: (sessionId: string) => ["mcp_sessions", sessionId] as const,
  /** Stored SSE event for resumability, ordered by event id. */
  mcpEvent: (streamId: string, eventId: string) => ["mcp_events", streamId, eventId] as const,
  /** One part of a stored SSE event too large for a single KV value. */
  mcpEventPart: (streamId: string, eventId: string, part: number) =>
    ["mcp_event_parts", streamId, eventId, part] as const,
  /** A client's answer to a server→client request, left for the process that asked. */
  mcpReply: (sessionId: string, tag: string) => ["mcp_replies", sessionId, tag] as const,
  /** Preview-then-confirm token for a destructive tool call, keyed by its SHA-256. */
  confirmation: (tokenHash: string) => ["confirmations", tokenHash] as const,

  // --- caches and limits
  /** Compiled SDK code, keyed by compiler version and input hash. */
  compileCache: (compilerVersion: string, inputHash: string) =>
    ["compile_cache", compilerVersion, inputHash] as const,
  /** Fixed-window rate-limit counter. */
  rateLimit: (bucket: string, subject: string, window: number) =>
    ["rate_limits", bucket, subject, window] as const,
  /** One process's count of a fixed window (the sharded limiter of `/mcp`). */
  rateLimitShard: (bucket: string, subject: string, window: number, process: string) =>
    ["rate_limit_shards", bucket, subject, window, process] as const,

  // --- audit and usage
  /** One audit record per tool call, ordered by time within a user. */
  audit: (userId: string, eventId: string) => ["audit", userId, eventId] as const,
  /** Last call per client or tool of a user (`kind` is "client" or "tool"), for filters and "last used". */
  auditSeen: (userId: string, kind: string, id: string) =>
    ["audit_seen", userId, kind, id] as const,
  /** Usage counter (KvU64) per user, day, tool and metric. */
  usage: (userId: string, day: string, tool: string, metric: string) =>
    ["usage", userId, day, tool, metric] as const,

  // --- local Xano sandbox (its own namespace; never mixed with the app's records)
  /** A sandbox record of some collection. */
  sandbox: (collection: string, ...id: Deno.KvKeyPart[]) => ["sandbox", collection, ...id] as const,
} as const satisfies Record<string, (...args: never[]) => Key>;

/** Prefixes for `kv.list`, matching the builders above. */
export const prefixes = {
  sessionsByUser: (userId: string) => ["sessions_by_user", userId] as const,
  grantsOfUser: (userId: string) => ["grants", userId] as const,
  tokensOfGrant: (grantId: string) => ["tokens_by_grant", grantId] as const,
  apiKeysOfUser: (userId: string) => ["api_keys", userId] as const,
  mcpEvents: (streamId: string) => ["mcp_events", streamId] as const,
  mcpEventParts: (streamId: string, eventId: string) =>
    ["mcp_event_parts", streamId, eventId] as const,
  auditOfUser: (userId: string) => ["audit", userId] as const,
  auditSeenOfUser: (userId: string, kind: string) => ["audit_seen", userId, kind] as const,
  usageOfUser: (userId: string) => ["usage", userId] as const,
  sandbox: (collection: string) => ["sandbox", collection] as const,
} as const satisfies Record<string, (...args: never[]) => Key>;
