/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document):
 * when a `client_id` is an HTTPS URL with a path, the client's metadata is the
 * JSON document at that URL. Fetching it is a request made on a stranger's
 * behalf, so it goes through {@link checkFetchableUrl}, refuses redirects, and
 * is bounded in time and size. The caller ({@link ./clients.ts}) caches results.
 *
 * @module
 */

import { readTextUpTo } from "../http/bounded_body.ts";
import { OAuthError } from "./oauth_error.ts";
import type { RedirectPolicy } from "./redirect_uris.ts";
import { checkFetchableUrl, type ResolveHost } from "./ssrf.ts";

/** Largest accepted document, in bytes. */
export const MAX_METADATA_BYTES = 8 * 1024;
/** Longest wait for a document, in ms. */
export const METADATA_TIMEOUT_MS = 5_000;

/** What we keep from a metadata document. */
export interface ClientMetadataDocument {
  readonly clientId: string;
  readonly clientName?: string;
  readonly clientUri?: string;
  readonly redirectUris: readonly string[];
  /** Seconds the document may be cached, from `Cache-Control: max-age` (clamped). */
  readonly maxAgeSeconds: number;
}

/** Dependencies of {@link fetchClientMetadata}. */
export interface ClientMetadataDeps {
  readonly fetch: typeof fetch;
  readonly resolveHost: ResolveHost;
  readonly redirects: RedirectPolicy;
  /** Admit http:// loopback documents (development and tests only). */
  readonly allowLoopback: boolean;
  /** Time limit in ms (default {@link METADATA_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/** True when `clientId` names a metadata document rather than a registered client. */
export function isMetadataDocumentId(clientId: string): boolean {
  const url = URL.parse(clientId);
  return url !== null && (url.protocol === "https:" || url.protocol === "http:") &&
    url.pathname !== "/" && url.pathname !== "";
}

/**
 * Fetches and validates the document for `clientId`; throws `invalid_client`
 * with a message naming the problem.
 */
export async function fetchClientMetadata(
  clientId: string,
  deps: ClientMetadataDeps,
): Promise<ClientMetadataDocument> {
  const refused = await checkFetchableUrl(clientId, deps);
  if (refused) throw invalid(clientId, refused);
  const url = new URL(clientId);
  if (url.hash || url.search) throw invalid(clientId, "the URL must not have a query or fragment");

  let response: Response;
  try {
    response = await deps.fetch(clientId, {
      redirect: "manual",
      headers: { Accept: "application/json" },
      signal: AbortSignal.timeout(deps.timeoutMs ?? METADATA_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw invalid(
      clientId,
      timedOut ? "the server did not answer in time" : "the server cannot be reached",
    );
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw invalid(clientId, `the server answered HTTP ${response.status}`);
  }
  const text = await readLimited(response, MAX_METADATA_BYTES);
  if (text === null) {
    throw invalid(clientId, `the document is larger than ${MAX_METADATA_BYTES} bytes`);
  }
  let doc: Record<string, unknown>;
  try {
    const parsed = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new SyntaxError();
    doc = parsed;
  } catch {
    throw invalid(clientId, "the document is not a JSON object");
  }
  return validateDocument(
    clientId,
    doc,
    deps.redirects,
    maxAge(response.headers.get("cache-control")),
  );
}

function validateDocument(
  clientId: string,
  doc: Record<string, unknown>,
  redirects: RedirectPolicy,
  maxAgeSeconds: number,
): ClientMetadataDocument {
  if (doc.client_id !== clientId) {
    throw invalid(clientId, `its "client_id" must equal the document URL`);
  }
  const uris = doc.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || uris.some((u) => typeof u !== "string")) {
    throw invalid(clientId, `"redirect_uris" must be a non-empty array of strings`);
  }
  for (const uri of uris as string[]) {
    const problem = redirects.check(uri);
    if (problem) throw invalid(clientId, problem);
  }
  const method = doc.token_endpoint_auth_method ?? "none";
  if (method !== "none") {
    throw invalid(
      clientId,
      `"token_endpoint_auth_method" "${String(method)}" is not supported; use "none"`,
    );
  }
  for (const field of ["client_secret", "client_secret_expires_at"]) {
    if (field in doc) throw invalid(clientId, `a metadata document must not contain "${field}"`);
  }
  const name = typeof doc.client_name === "string" ? doc.client_name.slice(0, 200) : undefined;
  const uri = typeof doc.client_uri === "string" && URL.canParse(doc.client_uri)
    ? doc.client_uri
    : undefined;
  return {
    clientId,
    ...(name ? { clientName: name } : {}),
    ...(uri ? { clientUri: uri } : {}),
    redirectUris: uris as string[],
    maxAgeSeconds,
  };
}

async function readLimited(response: Response, limit: number): Promise<string | null> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return null;
  }
  return await readTextUpTo(response.body, limit);
}

function maxAge(cacheControl: string | null): number {
  const match = /max-age=(\d+)/i.exec(cacheControl ?? "");
  const seconds = match ? Number(match[1]) : 3_600;
  if (/no-store|no-cache/i.test(cacheControl ?? "")) return 60;
  return Math.min(Math.max(seconds, 60), 86_400);
}

function invalid(clientId: string, reason: string): OAuthError {
  return new OAuthError(
    "invalid_client",
    `Cannot use client metadata document "${clientId}": ${reason}`,
  );
}
