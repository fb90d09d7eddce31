/**
 * The `WWW-Authenticate: Bearer …` challenge of the MCP endpoint (RFC 6750 §3,
 * RFC 9728 §5.1). Clients read `resource_metadata` to discover the
 * authorization server and `scope` to know what to ask for.
 *
 * @example
 * ```ts
 * bearerChallenge({ resourceMetadataUrl: urls.resourceMetadata, scopes: ["xano:read"] });
 * // 'Bearer resource_metadata="https://x/.well-known/oauth-protected-resource/mcp", scope="xano:read"'
 * bearerChallenge({ resourceMetadataUrl, scopes, error: "insufficient_scope", description: "Needs xano:write" });
 * ```
 * @module
 */

/** Input of {@link bearerChallenge}. */
export interface ChallengeInput {
  readonly resourceMetadataUrl: string;
  /** Scopes the client should request (for 403: the full set needed). */
  readonly scopes?: readonly string[];
  /** `invalid_token` when a token was presented, `insufficient_scope` for 403. */
  readonly error?: "invalid_request" | "invalid_token" | "insufficient_scope";
  readonly description?: string;
}

/** Builds the header value; quotes and backslashes in values are escaped. */
export function bearerChallenge(input: ChallengeInput): string {
  const params: string[] = [];
  if (input.error) params.push(`error="${quote(input.error)}"`);
  if (input.description) params.push(`error_description="${quote(input.description)}"`);
  params.push(`resource_metadata="${quote(input.resourceMetadataUrl)}"`);
  if (input.scopes && input.scopes.length > 0) {
    params.push(`scope="${quote(input.scopes.join(" "))}"`);
  }
  return `Bearer ${params.join(", ")}`;
}

function quote(value: string): string {
  // Header values must stay on one line and inside their quotes.
  return value.replace(/[\r\n]+/g, " ").replace(/[\\"]/g, (c) => `\\${c}`);
}
