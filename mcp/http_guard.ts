/**
 * The HTTP checks in front of every MCP transport: `Host` and `Origin`
 * validation against DNS rebinding (403), CORS that exposes the MCP headers,
 * and a bounded JSON body reader.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { readTextUpTo } from "../lib/http/bounded_body.ts";
import { setResponseHeader } from "../lib/http/response_headers.ts";

/** Largest JSON-RPC body accepted on `/mcp`. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** What the guard allows, beyond loopback. */
export interface GuardOptions {
  /** Our public origin, e.g. `https://mcp.example.com`. */
  readonly publicUrl: string;
  /** Extra allowed browser origins (exact, e.g. `https://app.example.com`). */
  readonly allowedOrigins?: readonly string[];
  /** Extra allowed `Host` values (`name` or `name:port`). */
  readonly allowedHosts?: readonly string[];
}

/** True when `host` (a `Host` header value) may address this server. */
export function isAllowedHost(host: string | undefined, options: GuardOptions): boolean {
  if (!host) return false;
  const url = URL.parse(`http://${host}`);
  if (!url || url.username || url.pathname !== "/") return false;
  if (LOOPBACK_HOSTS.has(url.hostname)) return true;
  const ours = new URL(options.publicUrl);
  if (url.host === ours.host || (url.hostname === ours.hostname && url.port === "")) return true;
  return (options.allowedHosts ?? []).some((allowed) => allowed === url.host || allowed === host);
}

/** Most distinct allowed `Host` values remembered (a client sends the same one every time). */
const KNOWN_HOSTS = 64;

/** True when a browser `Origin` may call this server (an absent origin is not a browser). */
export function isAllowedOrigin(origin: string | undefined, options: GuardOptions): boolean {
  if (origin === undefined) return true;
  const url = URL.parse(origin);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return false;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return true;
  if (url.origin === new URL(options.publicUrl).origin) return true;
  return (options.allowedOrigins ?? []).includes(url.origin);
}

/** Rejects requests with a foreign `Host` or `Origin` with 403 before anything else runs. */
export function hostOriginGuard(options: GuardOptions): MiddlewareHandler {
  // Allowed hosts are remembered, so a request pays one set lookup instead of two URL parses;
  // refused ones are judged each time (and never fill the set).
  const allowed = new Set<string>();
  return async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!allowed.has(host)) {
      if (!isAllowedHost(host, options)) {
        return c.json(forbidden(`Host "${host}" is not allowed`), 403);
      }
      if (allowed.size < KNOWN_HOSTS) allowed.add(host);
    }
    const origin = c.req.header("origin");
    if (!isAllowedOrigin(origin, options)) {
      return c.json(forbidden(`Origin "${origin}" is not allowed`), 403);
    }
    await next();
  };
}

function forbidden(message: string) {
  return { jsonrpc: "2.0", error: { code: -32000, message }, id: null };
}

const CORS_PREFLIGHT = {
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": [
    "Authorization",
    "Content-Type",
    "Accept",
    "Mcp-Session-Id",
    "MCP-Protocol-Version",
    "Last-Event-ID",
    "Mcp-Method",
    "Mcp-Name",
  ].join(", "),
  "Access-Control-Max-Age": "600",
};
const CORS_EXPOSE = "Mcp-Session-Id, WWW-Authenticate, MCP-Protocol-Version";

/**
 * CORS for browser MCP clients: preflights answered with the MCP headers, and
 * every response exposing them to an allowed origin. Headers are set on the
 * final response in place (see `setResponseHeader`), not on copies of it.
 */
export function mcpCors(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header("origin");
    const allowed = origin !== undefined && isAllowedOrigin(origin, options) ? origin : undefined;
    if (c.req.method === "OPTIONS") {
      const headers = new Headers({
        ...CORS_PREFLIGHT,
        "Access-Control-Expose-Headers": CORS_EXPOSE,
        Vary: "Origin, Access-Control-Request-Headers",
      });
      if (allowed) headers.set("Access-Control-Allow-Origin", allowed);
      return new Response(null, { status: 204, headers });
    }
    await next();
    setResponseHeader(c, "Access-Control-Expose-Headers", CORS_EXPOSE);
    setResponseHeader(c, "Vary", "Origin", true);
    if (allowed) setResponseHeader(c, "Access-Control-Allow-Origin", allowed);
  };
}

/** The outcome of {@link readJsonBody}. */
export type BodyResult =
  | { readonly kind: "none" }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "error"; readonly response: Response };

/**
 * Reads a JSON body of at most `limit` bytes. Non-JSON content types are left
 * for the transport to reject (415); oversize bodies get 413, bad JSON 400.
 */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  if (req.method !== "POST") return { kind: "none" };
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) return { kind: "none" };
  const length = req.headers.get("content-length");
  const declared = Number(length ?? "0");
  if (declared > limit) return { kind: "error", response: tooLarge(limit) };
  try {
    // Over HTTP a declared length bounds the body (framing stops there): read it in one go.
    if (length !== null && Number.isSafeInteger(declared)) {
      const text = await req.text();
      return text.length > limit ? { kind: "error", response: tooLarge(limit) } : parseJson(text);
    }
    const text = await readTextUpTo(req.body, limit);
    return text === null ? { kind: "error", response: tooLarge(limit) } : parseJson(text);
  } catch {
    // The connection broke (or lied about its length) before the body was complete.
    return {
      kind: "error",
      response: rpc(400, -32700, "Parse error: the request body could not be read in full"),
    };
  }
}

function parseJson(text: string): BodyResult {
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "error", response: rpc(400, -32700, "Parse error: the body is not valid JSON") };
  }
}

function tooLarge(limit: number): Response {
  return rpc(413, -32000, `Request body is larger than ${limit} bytes; send smaller batches`);
}

function rpc(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json" },
  });
}
