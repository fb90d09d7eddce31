/**
 * A test-only `/mcp` endpoint: the official SDK server (stateless), guarded by
 * the authorization server's verifier with the 401/403 challenges of
 * `lib/auth/challenge.ts`. It stands in for the product endpoint (owned by the
 * MCP workstream) so the OAuth flow can be tested end to end with real clients.
 */

import { Hono } from "hono";
import { z } from "zod";
import { bearerChallenge } from "../../lib/auth/challenge.ts";
import type { OAuthUrls } from "../../lib/auth/metadata.ts";
import type { TokenVerifier } from "../../lib/auth/types.ts";
import { McpServer, WebStandardStreamableHTTPServerTransport } from "../../mcp/sdk.ts";

const ADVERTISED = ["xano:read", "xano:write", "xano:deploy"];

/** Mounts `/mcp` with tools `whoami` (needs xano:read) and `touch` (needs xano:write). */
export function testMcpRoutes(verifier: TokenVerifier, urls: OAuthUrls): Hono {
  const app = new Hono();
  app.all("/mcp", async (c) => {
    const match = /^Bearer (\S+)$/i.exec(c.req.header("authorization") ?? "");
    const grant = match ? await verifier.verify(match[1]) : null;
    if (!grant) {
      const header = bearerChallenge({
        resourceMetadataUrl: urls.resourceMetadata,
        scopes: ADVERTISED,
        ...(match
          ? { error: "invalid_token" as const, description: "The token is invalid or expired" }
          : {}),
      });
      return c.json({ error: "invalid_token", error_description: "Sign in first" }, 401, {
        "WWW-Authenticate": header,
      });
    }
    if (c.req.method !== "POST") return c.body(null, 405, { Allow: "POST" });
    const body = await c.req.json();
    if (
      body?.method === "tools/call" && body.params?.name === "touch" &&
      !grant.scopes.includes("xano:write")
    ) {
      return c.json({ error: "insufficient_scope" }, 403, {
        "WWW-Authenticate": bearerChallenge({
          resourceMetadataUrl: urls.resourceMetadata,
          scopes: [...grant.scopes, "xano:write"],
          error: "insufficient_scope",
          description: 'Tool "touch" needs xano:write',
        }),
      });
    }
    const server = new McpServer({ name: "oauth-test", version: "1.0.0" });
    server.registerTool("whoami", {
      description: "Who the token belongs to",
      inputSchema: {},
    }, () => ({
      content: [{ type: "text", text: JSON.stringify(grant) }],
    }));
    server.registerTool("touch", {
      description: "A write",
      inputSchema: { what: z.string() },
    }, ({ what }) => ({ content: [{ type: "text", text: `touched ${what}` }] }));
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw, { parsedBody: body });
  });
  return app;
}
