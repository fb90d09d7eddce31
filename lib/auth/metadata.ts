/**
 * The discovery documents of a server that is both the authorization server
 * and the protected resource: RFC 9728 protected-resource metadata and RFC 8414
 * authorization-server metadata. The issuer is exactly `PUBLIC_URL` (an origin,
 * never with a trailing slash) and the resource exactly `PUBLIC_URL + "/mcp"`;
 * clients compare both byte for byte.
 *
 * @module
 */

import { ALL_SCOPES } from "./types.ts";

/** Every public URL of the authorization server and the resource. */
export interface OAuthUrls {
  readonly issuer: string;
  readonly resource: string;
  readonly resourceMetadata: string;
  readonly authorization: string;
  readonly token: string;
  readonly registration: string;
  readonly revocation: string;
}

/**
 * Derives the URLs from the public origin.
 *
 * @example
 * ```ts
 * oauthUrls("https://mcp.example.com").resource; // "https://mcp.example.com/mcp"
 * ```
 */
export function oauthUrls(publicUrl: string): OAuthUrls {
  const issuer = new URL(publicUrl).origin;
  return {
    issuer,
    resource: `${issuer}/mcp`,
    resourceMetadata: `${issuer}/.well-known/oauth-protected-resource/mcp`,
    authorization: `${issuer}/authorize`,
    token: `${issuer}/token`,
    registration: `${issuer}/register`,
    revocation: `${issuer}/revoke`,
  };
}

/**
 * Compares a client's `resource` parameter with ours the way RFC 8707 and the
 * MCP spec intend: scheme and host case-insensitively (the URL parser lowercases
 * them), one trailing slash ignored; a query or fragment never matches.
 *
 * @example
 * ```ts
 * sameResource("HTTPS://MCP.example.com/mcp/", "https://mcp.example.com/mcp"); // true
 * ```
 */
export function sameResource(input: string, canonical: string): boolean {
  const url = URL.parse(input);
  if (!url || url.search || url.hash || input.includes("#") || url.username || url.password) {
    return false;
  }
  return `${url.origin}${url.pathname.replace(/\/$/, "")}` === canonical;
}

/** RFC 9728 protected-resource metadata for `/mcp`. */
export function protectedResourceMetadata(urls: OAuthUrls): Record<string, unknown> {
  return {
    resource: urls.resource,
    authorization_servers: [urls.issuer],
    scopes_supported: [...ALL_SCOPES],
    bearer_methods_supported: ["header"],
    resource_name: "Xano MCP",
  };
}

/** RFC 8414 authorization-server metadata. */
export function authorizationServerMetadata(urls: OAuthUrls): Record<string, unknown> {
  return {
    issuer: urls.issuer,
    authorization_endpoint: urls.authorization,
    token_endpoint: urls.token,
    registration_endpoint: urls.registration,
    revocation_endpoint: urls.revocation,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none", "client_secret_post", "client_secret_basic"],
    revocation_endpoint_auth_methods_supported: [
      "none",
      "client_secret_post",
      "client_secret_basic",
    ],
    scopes_supported: [...ALL_SCOPES, "offline_access"],
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  };
}
