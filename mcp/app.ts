/**
 * The `/mcp` endpoint as a Hono sub-app: Host/Origin checks, CORS, body
 * limits, bearer authentication through an injected {@link TokenVerifier}
 * (401 with `WWW-Authenticate` pointing at the protected-resource metadata,
 * 403 `insufficient_scope` for step-up), per-connection controls from the
 * grant and the URL query, then the streamable HTTP transport.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { GrantContext, Scope, TokenVerifier } from "../lib/auth/types.ts";
import { type GuardOptions, hostOriginGuard, mcpCors, readJsonBody } from "./http_guard.ts";
import { parseToolsets } from "./inventory.ts";
import type { ModernEndpoint } from "./modern.ts";
import type { Caller, SessionManager } from "./sessions.ts";

/** Per-connection controls, stored with the session. */
export interface ConnectionSettings {
  readonly readOnly: boolean;
  readonly toolsets?: readonly string[];
  readonly scopes?: readonly Scope[];
  readonly workspaceId?: number;
  readonly clientId: string;
  readonly [key: string]: unknown;
}

/** Options of {@link mcpApp}. */
export interface McpAppOptions extends GuardOptions {
  /** `null` disables authentication: only for the loopback conformance fixture. */
  readonly verifier: TokenVerifier | null;
  readonly sessions: SessionManager;
  /** Serves 2026-07-28 requests; without it every request is served the 2025 way. */
  readonly modern?: ModernEndpoint;
  /** The scope a tool needs, for 403 step-up on `tools/call`. */
  toolScope?(name: string): Scope | undefined;
  readonly maxBodyBytes?: number;
}

/**
 * Authenticates a request (when a verifier is set) and reads its connection settings: the
 * caller the MCP transports serve, with the grant it came from, or the error response.
 */
export async function resolveCaller(
  c: Context,
  options: { readonly verifier?: TokenVerifier | null; readonly publicUrl: string },
): Promise<{ grant: GrantContext | null; caller: Caller } | Response> {
  let grant: GrantContext | null = null;
  if (options.verifier) {
    const auth = await authenticate(c, options.verifier, options.publicUrl);
    if (auth instanceof Response) return auth;
    grant = auth;
  }
  const settings = connectionSettings(c, grant);
  if (settings instanceof Response) return settings;
  const caller: Caller = {
    grantId: grant?.grantId ?? "anonymous",
    userId: grant?.userId ?? "anonymous",
    settings: settings as unknown as Record<string, unknown>,
    authInfo: grant
      ? {
        token: "",
        clientId: grant.clientId,
        scopes: [...grant.scopes],
        expiresAt: grant.expiresAt ? Math.floor(grant.expiresAt / 1000) : undefined,
        extra: { grant },
      }
      : undefined,
  };
  return { grant, caller };
}

/** The scope every MCP request needs; tools may need more. */
export const BASE_SCOPE: Scope = "xano:read";
const ADVERTISED_SCOPES = "xano:read xano:write xano:deploy";

/**
 * Builds the sub-app serving `/mcp`.
 *
 * @example
 * ```ts
 * app.route("/", mcpApp({ publicUrl, verifier, sessions }));
 * ```
 */
export function mcpApp(options: McpAppOptions): Hono {
  const app = new Hono();
  app.use("/mcp", hostOriginGuard(options), mcpCors(options));
  app.on(["GET", "POST", "DELETE"], "/mcp", async (c) => {
    const who = await resolveCaller(c, options);
    if (who instanceof Response) return who;
    const { grant, caller } = who;

    const body = await readJsonBody(c.req.raw, options.maxBodyBytes);
    if (body.kind === "error") return body.response;
    const parsed = body.kind === "json" ? body.value : undefined;
    if (grant) {
      const needed = neededScope(parsed, options);
      if (needed && !grant.scopes.includes(needed)) {
        return insufficientScope(c, options.publicUrl, [...grant.scopes, needed], needed);
      }
    }
    if (
      options.modern && body.kind === "json" &&
      !(await options.modern.isLegacy(c.req.raw, parsed))
    ) {
      return await options.modern.fetch(c.req.raw, caller, parsed);
    }
    return await options.sessions.handle(c.req.raw, caller, parsed);
  });
  app.all(
    "/mcp",
    (c) =>
      c.json(
        { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed" }, id: null },
        405,
        {
          Allow: "GET, POST, DELETE",
        },
      ),
  );
  return app;
}

/** Where this resource's RFC 9728 metadata lives. */
export function resourceMetadataUrl(publicUrl: string): string {
  return `${publicUrl}/.well-known/oauth-protected-resource/mcp`;
}

/** Checks the bearer token; a 401/403 response when it does not pass. */
export async function authenticate(
  c: Context,
  verifier: TokenVerifier,
  publicUrl: string,
): Promise<GrantContext | Response> {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+([\x21-\x7e]{8,2048})\s*$/i.exec(header);
  const metadata = resourceMetadataUrl(publicUrl);
  if (!match) {
    const why = header
      ? "The Authorization header is not a bearer token"
      : "Sign in first: no bearer token was sent";
    c.header(
      "WWW-Authenticate",
      `Bearer resource_metadata="${metadata}", scope="${ADVERTISED_SCOPES}"`,
    );
    return c.json({ error: "invalid_token", error_description: why }, 401);
  }
  const grant = await verifier.verify(match[1]);
  if (!grant) {
    c.header(
      "WWW-Authenticate",
      `Bearer error="invalid_token", error_description="The token is unknown, expired or revoked", resource_metadata="${metadata}", scope="${ADVERTISED_SCOPES}"`,
    );
    return c.json({
      error: "invalid_token",
      error_description: "The token is unknown, expired or revoked; sign in again",
    }, 401);
  }
  if (!grant.scopes.includes(BASE_SCOPE)) {
    return insufficientScope(c, publicUrl, [...grant.scopes, BASE_SCOPE], BASE_SCOPE);
  }
  return grant;
}

function insufficientScope(
  c: Context,
  publicUrl: string,
  scopes: readonly string[],
  needed: string,
): Response {
  const scope = [...new Set(scopes)].join(" ");
  c.header(
    "WWW-Authenticate",
    `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${
      resourceMetadataUrl(publicUrl)
    }", error_description="This needs the ${needed} scope"`,
  );
  return c.json({
    error: "insufficient_scope",
    error_description: `This needs the "${needed}" scope; reconnect and approve it`,
    scope,
  }, 403);
}

function neededScope(body: unknown, options: McpAppOptions): Scope | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const message = body as { method?: unknown; params?: { name?: unknown } };
  if (message.method !== "tools/call" || typeof message.params?.name !== "string") return undefined;
  return options.toolScope?.(message.params.name);
}

/** Grant controls narrowed by `?toolsets=a,b&read_only=1`; the query can never widen them. */
export function connectionSettings(
  c: Context,
  grant: GrantContext | null,
): ConnectionSettings | Response {
  const query = c.req.query();
  let toolsets = grant?.toolsets;
  if (query.toolsets !== undefined) {
    const parsed = parseToolsets(query.toolsets);
    if (!parsed.ok) {
      return c.json({
        error: "invalid_request",
        error_description: `Unknown toolset ${
          parsed.unknown.map((name) => `"${name}"`).join(", ")
        } in ?toolsets; use a comma-separated list of instances, tables, schema, records, apis, code, templates, ops, debug`,
      }, 400);
    }
    toolsets = toolsets ? parsed.toolsets.filter((id) => toolsets!.includes(id)) : parsed.toolsets;
  }
  const readOnlyQuery = query.read_only;
  if (readOnlyQuery !== undefined && !/^(1|true|0|false)$/.test(readOnlyQuery)) {
    return c.json({
      error: "invalid_request",
      error_description: `read_only must be 1, true, 0 or false, got "${readOnlyQuery}"`,
    }, 400);
  }
  return {
    readOnly: (grant?.readOnly ?? false) || readOnlyQuery === "1" || readOnlyQuery === "true",
    toolsets,
    scopes: grant ? [...grant.scopes] : undefined,
    workspaceId: grant?.workspaceId,
    clientId: grant?.clientId ?? "anonymous",
  };
}
