/**
 * Validation of `/authorize` parameters (OAuth 2.1 §4.1.1, RFC 8707). Until
 * the client and its redirect URI are established, an error must not be
 * redirected anywhere (that would make us an open redirector): the result says
 * `redirect: false` and the caller renders a page. After that, errors go back
 * to the client with `error`, `state` and `iss`.
 *
 * @module
 */

import type { OAuthRequest } from "./auth_requests.ts";
import type { ClientStore } from "./clients.ts";
import { sameResource } from "./metadata.ts";
import { OAuthError } from "./oauth_error.ts";
import { ALL_SCOPES, type Scope } from "./types.ts";

/** Scopes granted when a client asks for none. */
export const DEFAULT_SCOPES: readonly Scope[] = ["xano:read", "xano:write", "xano:deploy"];
/** Requested scopes we accept and ignore (refresh tokens are always issued). */
const IGNORED_SCOPES = new Set(["offline_access"]);
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const SINGLE = [
  "response_type",
  "client_id",
  "redirect_uri",
  "state",
  "scope",
  "code_challenge",
  "code_challenge_method",
  "resource",
];

/** The outcome of {@link validateAuthorizeRequest}. */
export type AuthorizeValidation =
  | { readonly ok: true; readonly request: OAuthRequest; readonly loopbackOnly: boolean }
  | {
    readonly ok: false;
    readonly error: OAuthError;
    readonly redirectUri?: string;
    readonly state?: string;
  };

/** Validates the query of `GET /authorize`. */
export async function validateAuthorizeRequest(
  params: URLSearchParams,
  deps: { clients: ClientStore; resource: string; isLoopback: (uri: string) => boolean },
): Promise<AuthorizeValidation> {
  const fail = (error: OAuthError, redirectUri?: string, state?: string): AuthorizeValidation => ({
    ok: false,
    error,
    ...(redirectUri ? { redirectUri } : {}),
    ...(state !== undefined ? { state } : {}),
  });
  const repeated = SINGLE.find((name) => params.getAll(name).length > 1);
  const clientId = params.get("client_id");
  if (!clientId) {
    return fail(new OAuthError("invalid_request", "The client_id parameter is missing"));
  }
  if (repeated === "client_id" || repeated === "redirect_uri") {
    return fail(new OAuthError("invalid_request", `The ${repeated} parameter must appear once`));
  }
  let client;
  try {
    client = await deps.clients.get(clientId);
  } catch (error) {
    if (error instanceof OAuthError) return fail(error);
    throw error;
  }
  if (!client) {
    return fail(
      new OAuthError("invalid_client", `Client "${clientId}" is not registered; register it again`),
    );
  }
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) {
    return fail(new OAuthError("invalid_request", "The redirect_uri parameter is missing"));
  }
  if (!client.redirectUris.includes(redirectUri)) {
    return fail(
      new OAuthError(
        "invalid_request",
        `Redirect URI "${redirectUri}" is not registered for this client`,
      ),
    );
  }

  const rawState = params.get("state");
  const state = rawState !== null && rawState.length <= 1024 ? rawState : undefined;
  const back = (code: ConstructorParameters<typeof OAuthError>[0], message: string) =>
    fail(new OAuthError(code, message), redirectUri, state);
  if (rawState !== null && state === undefined) {
    return back("invalid_request", "The state parameter is longer than 1024 characters");
  }
  if (repeated) return back("invalid_request", `The ${repeated} parameter must appear once`);
  if (params.get("response_type") !== "code") {
    return back("unsupported_response_type", `Response type must be "code"`);
  }
  if (!client.grantTypes.includes("authorization_code")) {
    return back(
      "unauthorized_client",
      "This client is not registered for the authorization_code grant",
    );
  }
  const challenge = params.get("code_challenge");
  if (!challenge) {
    return back(
      "invalid_request",
      "PKCE is required: send code_challenge with code_challenge_method=S256",
    );
  }
  if (params.get("code_challenge_method") !== "S256") {
    return back("invalid_request", `Code challenge method must be "S256"`);
  }
  if (!CHALLENGE.test(challenge)) {
    return back("invalid_request", "The code_challenge must be 43 base64url characters");
  }
  const resource = params.get("resource") ?? deps.resource;
  if (!sameResource(resource, deps.resource)) {
    return back("invalid_target", `Resource "${resource}" is not "${deps.resource}"`);
  }

  const requested = (params.get("scope") ?? "").split(" ").filter((s) =>
    s && !IGNORED_SCOPES.has(s)
  );
  const unknown = requested.find((s) => !(ALL_SCOPES as readonly string[]).includes(s));
  if (unknown) {
    return back(
      "invalid_scope",
      `Scope "${unknown}" is not supported; use ${ALL_SCOPES.join(", ")}`,
    );
  }
  const scopes = requested.length > 0
    ? ALL_SCOPES.filter((s) => requested.includes(s))
    : DEFAULT_SCOPES;

  return {
    ok: true,
    loopbackOnly: client.redirectUris.every(deps.isLoopback),
    request: {
      clientId: client.clientId,
      ...(client.clientName ? { clientName: client.clientName } : {}),
      redirectUri,
      ...(state !== undefined ? { state } : {}),
      codeChallenge: challenge,
      scopes,
      resource: deps.resource,
    },
  };
}

/** The redirect back to the client: `code` or `error`, then `state` and `iss`. */
export function clientRedirect(
  redirectUri: string,
  params: Record<string, string | undefined>,
  issuer: string,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  url.searchParams.set("iss", issuer);
  return url.toString();
}
