/**
 * The one place that sends requests to the Xano Metadata API. A request goes
 * through the user's bulkhead, the retry policy, the host's circuit breaker and
 * a per-attempt timeout; a 401 triggers one credential refresh and one repeat;
 * reads may be served from the short-TTL cache and writes invalidate it.
 *
 * ## When a non-idempotent request is retried
 * Only when it provably never reached Xano: Xano answered 429 or 401 (it
 * rejected the request before running it), or `fetch` failed while connecting
 * (see {@link isProvablyUnsent}). A broken connection after the request was
 * written, a timeout or a 5xx is reported as `unknown_outcome` instead.
 *
 * @module
 */

import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from "cockatiel";
import type { Clock } from "../clock.ts";
import type { XanoCredential } from "./types.ts";
import { cacheKey, type ReadCache, stalePrefixes } from "./cache.ts";
import {
  badResponse,
  classifyResponse,
  describeTarget,
  XanoError,
  type XanoOperation,
} from "./errors.ts";
import type { XanoResilience } from "./resilience.ts";

/** Supplies the credential of one user and renews it after a 401. */
export interface CredentialProvider {
  /** Key for the user's bulkhead and for logs (a user id; never a secret). */
  readonly subject: string;
  /** The current credential; throws an `auth_expired` {@link XanoError} when sign-in is needed. */
  get(): Promise<XanoCredential>;
  /**
   * Called after Xano answered 401 to `stale`. Returns a credential to try
   * once more, or throws an `auth_expired` {@link XanoError}.
   */
  refresh(stale: XanoCredential): Promise<XanoCredential>;
  /** Called when even a renewed credential was rejected. */
  rejected(credential: XanoCredential, reason: string): Promise<void>;
}

/** A JSON-or-text request, described once and sent by {@link Transport.send}. */
export interface XanoRequest<T> {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path under the Metadata API base, starting with `/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  /** JSON body. */
  readonly json?: unknown;
  /** Raw XanoScript body, sent as `text/x-xanoscript`. */
  readonly xanoscript?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Another base URL than the credential's `metaUrl` (the account-level API). */
  readonly baseUrl?: string;
  /** Validates the answer (JSON, or text when `text` is set). */
  readonly parse: (body: unknown) => T;
  /** Read the answer as text instead of JSON. */
  readonly text?: boolean;
  readonly op: XanoOperation;
  /** Default: true for GET, PUT and DELETE, false otherwise. */
  readonly idempotent?: boolean;
  /** Serve from and store in the read cache (GET only). */
  readonly cache?: boolean;
}

/** Dependencies of {@link createTransport}. */
export interface TransportDeps {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly credentials: CredentialProvider;
  readonly resilience: XanoResilience;
  readonly cache: ReadCache;
  readonly clock: Clock;
}

/** Sends {@link XanoRequest}s. */
export interface Transport {
  send<T>(request: XanoRequest<T>): Promise<T>;
  /** The cache scope of the current credential (for cache-aware helpers). */
  scope(): Promise<string>;
}

/** Creates the {@link Transport} of one user. */
export function createTransport(deps: TransportDeps): Transport {
  const { resilience, cache } = deps;

  async function run<T>(request: XanoRequest<T>): Promise<T> {
    const query = toQuery(request.query);
    const key = cacheKey(request.path, query);
    const cacheable = request.cache === true && request.method === "GET";
    let credential = await deps.credentials.get();
    const scope = () => scopeOf(deps.credentials.subject, credential);
    if (cacheable) {
      const hit = cache.get(scope(), key);
      resilience.observer.cache?.(hit === undefined ? "miss" : "hit");
      if (hit !== undefined) return hit as T;
    }
    try {
      const value = await attempts(request, credential, query).catch(async (error) => {
        if (!isUnauthorized(error)) throw error;
        // Xano refused the token before running anything: renew it once and repeat.
        credential = await deps.credentials.refresh(credential);
        return attempts(request, credential, query).catch(async (again) => {
          if (isUnauthorized(again)) {
            await deps.credentials.rejected(credential, "Xano rejected the renewed token");
          }
          throw again;
        });
      });
      if (cacheable) cache.set(scope(), key, value);
      return value;
    } finally {
      // A failed write may still have landed, so writes invalidate either way.
      if (request.method !== "GET") cache.invalidate(scope(), stalePrefixes(request.path));
    }
  }

  function attempts<T>(
    request: XanoRequest<T>,
    credential: XanoCredential,
    query: URLSearchParams,
  ): Promise<T> {
    const idempotent = request.idempotent ?? request.method !== "POST";
    const host = hostOf(request.baseUrl ?? credential.metaUrl);
    const breaker = resilience.breaker(host);
    // One budget for all attempts and backoffs: no call outlives the MCP client's patience.
    const deadline = AbortSignal.timeout(resilience.settings.deadlineMs);
    return resilience.retry(idempotent).execute(async ({ attempt, signal: retrySignal }) => {
      try {
        return await breaker.execute(() =>
          resilience.timeout.execute(
            (_context, signal) => once(request, credential, query, { signal, attempt }),
            retrySignal,
          ).catch((error) => {
            if (!(error instanceof TaskCancelledError)) throw error;
            resilience.observer.attempt?.(host, "timeout", resilience.settings.timeoutMs);
            throw timedOut(request, idempotent, error);
          })
        );
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          resilience.count("breakerRejections");
          throw circuitOpen(request, host, error);
        }
        throw error;
      }
    }, deadline);
  }

  async function once<T>(
    request: XanoRequest<T>,
    credential: XanoCredential,
    query: URLSearchParams,
    context: { signal: AbortSignal; attempt: number },
  ): Promise<T> {
    resilience.count("attempts");
    const url = `${request.baseUrl ?? credential.metaUrl}${request.path}${
      query.size ? `?${query}` : ""
    }`;
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${credential.metaToken}`);
    headers.set("accept", "application/json");
    let body: string | undefined;
    if (request.xanoscript !== undefined) {
      headers.set("content-type", "text/x-xanoscript");
      body = request.xanoscript;
    } else if (request.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(request.json);
    }
    let response: Response;
    let text: string;
    const started = performance.now();
    const host = hostOf(request.baseUrl ?? credential.metaUrl);
    try {
      response = await deps.fetch(
        new Request(url, { method: request.method, headers, body, signal: context.signal }),
      );
      text = await response.text();
    } catch (error) {
      if (!context.signal.aborted) {
        resilience.observer.attempt?.(host, "network", performance.now() - started);
      }
      throw networkFailure(request, error);
    }
    resilience.observer.attempt?.(
      host,
      `${Math.floor(response.status / 100)}xx`,
      performance.now() - started,
    );
    if (!response.ok) {
      const parsed = parseMaybeJson(text);
      // A DELETE repeated after an unclear failure finds the thing already gone: that is success.
      if (response.status === 404 && request.method === "DELETE" && context.attempt > 0) {
        return request.parse(null);
      }
      if (response.status === 429) resilience.count("rateLimited");
      const error = classifyResponse(response.status, parsed, request.op, {
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), deps.clock.now()),
      });
      // A 5xx to a write says nothing about whether Xano applied it before failing.
      if (response.status >= 500 && !(request.idempotent ?? request.method !== "POST")) {
        const base = `Cannot ${request.op.action}${describeTarget(request.op.target)}`;
        throw unknownOutcome(base, `Xano failed with status ${response.status}`, error);
      }
      throw error;
    }
    if (request.text) return request.parse(text);
    let json: unknown = null;
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw badResponse(request.op, "the body is not JSON", error);
      }
    }
    return request.parse(json);
  }

  return {
    async send(request) {
      resilience.count("requests");
      const bulkhead = resilience.bulkhead(deps.credentials.subject);
      try {
        return await bulkhead.execute(() => run(request));
      } catch (error) {
        if (error instanceof XanoError) resilience.observer.failure?.(error.category);
        if (error instanceof BulkheadRejectedError) {
          resilience.observer.failure?.("busy");
          resilience.count("bulkheadRejections");
          throw new XanoError(
            `Cannot ${request.op.action}${
              describeTarget(request.op.target)
            }: too many Xano operations are already running for this user`,
            {
              category: "busy",
              delivered: "no",
              nextStep: "Wait for the running calls to finish, then retry this one",
              cause: error,
            },
          );
        }
        throw error;
      }
    },
    async scope() {
      return scopeOf(deps.credentials.subject, await deps.credentials.get());
    },
  };
}

/**
 * True only when `error` proves the request never left this process: the
 * connection could not be made (DNS failure, connection refused, TLS or TCP
 * connect error, a blocked port), reported by Deno as `client error (Connect)`
 * or by Node-style errors as `ECONNREFUSED`/`ENOTFOUND`/`EAI_AGAIN`, or any
 * error marked `{ notSent: true }` by a test double. A reset or a close after
 * connecting (`SendRequest`, `connection closed before message completed`)
 * does not qualify: the request may have been received.
 */
export function isProvablyUnsent(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== "object") break;
    const value = current as { notSent?: unknown; code?: unknown; message?: unknown };
    if (value.notSent === true) return true;
    if (value.code === "ECONNREFUSED" || value.code === "ENOTFOUND" || value.code === "EAI_AGAIN") {
      return true;
    }
    const message = typeof value.message === "string" ? value.message : "";
    if (/SendRequest|connection closed|reset/i.test(message)) return false;
    if (/client error \(Connect\)|dns error|Connection refused|are blocked/i.test(message)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Parses `Retry-After` (seconds or an HTTP date) into ms from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkFailure(request: XanoRequest<unknown>, error: unknown): XanoError {
  if (error instanceof XanoError) return error;
  const unsent = isProvablyUnsent(error);
  const idempotent = request.idempotent ?? request.method !== "POST";
  const base = `Cannot ${request.op.action}${describeTarget(request.op.target)}`;
  if (unsent || idempotent) {
    return new XanoError(`${base}: Xano could not be reached`, {
      category: "upstream_down",
      delivered: unsent ? "no" : "maybe",
      nextStep: "Xano is unreachable; retry in a few seconds and tell the user if it persists",
      cause: error,
    });
  }
  return unknownOutcome(base, "the connection to Xano broke after the request was sent", error);
}

function timedOut(
  request: XanoRequest<unknown>,
  idempotent: boolean,
  error: unknown,
): XanoError {
  const base = `Cannot ${request.op.action}${describeTarget(request.op.target)}`;
  if (!idempotent) return unknownOutcome(base, "Xano did not answer in time", error);
  return new XanoError(`${base}: Xano did not answer in time`, {
    category: "timeout",
    delivered: "maybe",
    nextStep: "Retry in a few seconds; if it keeps timing out, ask for less data per call",
    cause: error,
  });
}

function unknownOutcome(base: string, why: string, cause: unknown): XanoError {
  return new XanoError(`${base}: ${why}, so it may or may not have been applied`, {
    category: "unknown_outcome",
    delivered: "maybe",
    retryable: false,
    nextStep:
      "Read the current state (list or get the object) before repeating this write, so it is not applied twice",
    cause,
  });
}

function circuitOpen(request: XanoRequest<unknown>, host: string, cause: unknown): XanoError {
  return new XanoError(
    `Cannot ${request.op.action}${
      describeTarget(request.op.target)
    }: calls to "${host}" are paused after repeated failures`,
    {
      category: "upstream_down",
      delivered: "no",
      retryable: true,
      nextStep: "Xano has been failing; wait about 10 seconds, then retry once",
      cause,
    },
  );
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof XanoError && error.category === "auth_expired" &&
    error.upstreamStatus === 401;
}

function toQuery(query: XanoRequest<unknown>["query"]): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(name, String(value));
  }
  return params;
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function hostOf(url: string): string {
  return URL.parse(url)?.host ?? url;
}

/**
 * The cache scope of a user's credential: the user, the Metadata URL and a
 * non-reversible 64-bit token fingerprint. The user is part of the scope, so a
 * fingerprint collision can never show one user another user's cached reads.
 */
export function scopeOf(subject: string, credential: XanoCredential): string {
  const token = credential.metaToken;
  return `${subject}|${credential.metaUrl}#${fnv1a(token, 0x811c9dc5)}${fnv1a(token, 0x01000193)}`;
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
