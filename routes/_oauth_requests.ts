/**
 * Request plumbing shared by the OAuth protocol endpoints: RFC 6749 error
 * mapping, body parsing and client authentication (none, post or basic).
 */

import type { Context } from "hono";
import type { OAuthClient } from "../lib/auth/clients.ts";
import { OAuthError, oauthErrorBody } from "../lib/auth/oauth_error.ts";
import type { AuthServer } from "../lib/auth/server.ts";
import { ALL_SCOPES, type Scope } from "../lib/auth/types.ts";
import { AppError } from "../lib/errors.ts";

/** Largest accepted request body on the protocol endpoints. */
export const MAX_BODY = 16 * 1024;
/** Headers of every token, registration and revocation response. */
export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** Runs an endpoint, answering expected failures as RFC 6749 JSON errors. */
export async function oauthJson(c: Context, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const oauth = toOAuthError(error);
    if (!oauth) throw error;
    const headers: Record<string, string> = { ...NO_STORE, ...oauth.headers };
    if (oauth.status === 401 && /^Basic /i.test(c.req.header("authorization") ?? "")) {
      headers["WWW-Authenticate"] = 'Basic realm="token"';
    }
    return c.json(oauthErrorBody(oauth), oauth.status as 400, headers);
  }
}

function toOAuthError(error: unknown): OAuthError | null {
  if (error instanceof OAuthError) return error;
  if (error instanceof AppError) {
    const code = error.status === 429
      ? "temporarily_unavailable"
      : error.status === 413
      ? "invalid_request"
      : "server_error";
    return new OAuthError(code, error.message, { status: error.status, headers: error.headers });
  }
  return null;
}

/** A JSON request body (RFC 7591 registration). */
export async function readJson(c: Context): Promise<unknown> {
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
    throw new OAuthError(
      "invalid_client_metadata",
      "Send the registration as Content-Type: application/json",
    );
  }
  const text = await readLimited(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new OAuthError("invalid_client_metadata", "The registration body is not valid JSON");
  }
}

/** A form body; any parameter sent twice is `invalid_request`. */
export async function readForm(c: Context): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header("content-type") ?? "")) {
    throw new OAuthError(
      "invalid_request",
      "Send the request as application/x-www-form-urlencoded",
    );
  }
  const form = new URLSearchParams(await readLimited(c));
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) {
      throw new OAuthError("invalid_request", `The ${name} parameter must appear once`);
    }
  }
  return form;
}

async function readLimited(c: Context): Promise<string> {
  const text = await c.req.text();
  if (text.length > MAX_BODY) {
    throw new OAuthError("invalid_request", `Request body is larger than ${MAX_BODY} bytes`, {
      status: 413,
    });
  }
  return text;
}

/** A required form parameter, or `invalid_request`. */
export function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw new OAuthError("invalid_request", `The ${name} parameter is missing`);
  return value;
}

/** A `scope` parameter as known scopes (`offline_access` ignored), or `invalid_scope`. */
export function parseScopes(raw: string | null): Scope[] | undefined {
  if (!raw) return undefined;
  const scopes = raw.split(" ").filter((s) => s && s !== "offline_access");
  const unknown = scopes.find((s) => !(ALL_SCOPES as readonly string[]).includes(s));
  if (unknown) throw new OAuthError("invalid_scope", `Scope "${unknown}" is not supported`);
  return scopes as Scope[];
}

/** Client authentication at the token and revocation endpoints (none, post or basic). */
export async function authenticateClient(
  c: Context,
  auth: AuthServer,
  form: URLSearchParams,
): Promise<OAuthClient> {
  let clientId = form.get("client_id");
  let secret = form.get("client_secret");
  const basic = /^Basic (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  let method: OAuthClient["tokenEndpointAuthMethod"] = secret ? "client_secret_post" : "none";
  if (basic) {
    const decoded = decodeBasic(basic);
    if (!decoded || (clientId && clientId !== decoded.id)) {
      throw new OAuthError(
        "invalid_client",
        "Basic credentials are malformed or name another client",
      );
    }
    if (secret) throw new OAuthError("invalid_request", "Send the client secret in one place only");
    [clientId, secret, method] = [decoded.id, decoded.secret, "client_secret_basic"];
  }
  if (!clientId) {
    throw new OAuthError("invalid_client", "Client authentication is missing: send client_id");
  }
  const client = await auth.clients.get(clientId);
  if (!client) throw new OAuthError("invalid_client", `Client "${clientId}" is not registered`);
  if (client.tokenEndpointAuthMethod === "none") {
    if (method !== "none") {
      throw new OAuthError("invalid_client", "This client is public and has no secret");
    }
    return client;
  }
  if (method === "none" || !(await auth.clients.verifySecret(client, secret ?? ""))) {
    throw new OAuthError("invalid_client", "Client authentication failed");
  }
  return client;
}

function decodeBasic(value: string): { id: string; secret: string } | null {
  try {
    const text = new TextDecoder().decode(Uint8Array.fromBase64(value.trim()));
    const colon = text.indexOf(":");
    if (colon < 1) return null;
    return {
      id: decodeURIComponent(text.slice(0, colon)),
      secret: decodeURIComponent(text.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}
