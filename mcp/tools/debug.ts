/**
 * Toolset "debug" (off unless the server sets MCP_DEBUG_TOOLS=1 and the grant
 * asks for it): what this connection is allowed to do, and the upstream Xano
 * credential's state, renewal and forced expiry for testing recovery paths.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { fail, ok } from "../result.ts";
import { READ, type XanoToolDeps } from "./_shared.ts";

const state = z.record(z.string(), z.unknown());

function unavailable() {
  return fail("Credential diagnostics are not available on this server");
}

export const debugAuth = defineTool({
  name: "debug_auth",
  toolset: "debug",
  title: "Show connection and credential state",
  description:
    "Shows what this connection may do (scopes, read-only, toolsets, pinned workspace) and the state of the upstream Xano credential (signed in, token age, fingerprints; never the tokens).",
  input: {},
  output: { connection: state, credential: state },
  annotations: { ...READ, openWorldHint: false },
  scope: "xano:admin",
  async handler(_args, deps: XanoToolDeps) {
    if (!deps.debug) return unavailable();
    const credential = await deps.debug.authState();
    const connection = deps.connection ?? {};
    return ok(
      { connection: { ...connection }, credential: { ...credential } },
      `Connection: ${JSON.stringify(connection)}\nXano credential: ${JSON.stringify(credential)}`,
    );
  },
});

export const debugRefreshProfile = defineTool({
  name: "debug_refresh_profile",
  toolset: "debug",
  title: "Renew the Xano credential",
  description:
    "Renews the upstream Metadata API token now through the stored account sign-in (account credentials only) and shows the new state.",
  input: {},
  output: { credential: state },
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  scope: "xano:admin",
  async handler(_args, deps: XanoToolDeps) {
    if (!deps.debug) return unavailable();
    const credential = await deps.debug.forceRefresh();
    return ok({ credential: { ...credential } }, `Renewed: ${JSON.stringify(credential)}`);
  },
});

export const debugExpireOauthTokens = defineTool({
  name: "debug_expire_oauth_tokens",
  toolset: "debug",
  title: "Expire the Xano tokens (testing)",
  description:
    "For testing recovery: replaces the stored upstream token(s) with invalid ones. 'meta' makes the next call renew the token; 'auth' or 'both' forces a new sign-in. Needs confirmation.",
  input: { which: z.enum(["meta", "auth", "both"]).describe("Which stored token to invalidate") },
  output: { credential: state },
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: false,
  },
  scope: "xano:admin",
  preview(args) {
    return Promise.resolve(
      args.which === "meta"
        ? "Invalidate the stored Metadata API token; the next Xano call renews it."
        : "Invalidate the stored Xano sign-in; the user must sign in again before Xano tools work.",
    );
  },
  async handler(args, deps: XanoToolDeps) {
    if (!deps.debug) return unavailable();
    const credential = await deps.debug.expireTokens(args.which);
    return ok(
      { credential: { ...credential } },
      `Expired ${args.which}: ${JSON.stringify(credential)}`,
    );
  },
});

/** Every tool of the toolset. */
export const debugTools = [debugAuth, debugRefreshProfile, debugExpireOauthTokens];
