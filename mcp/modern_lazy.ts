/**
 * The 2026-07-28 era of `/mcp` without its start-up cost: the v2 SDK
 * (`@modelcontextprotocol/server`, `mcp/modern.ts`) loads when the first
 * request that may belong to that era arrives. Every request must be
 * classified, so 2025-era traffic is recognised here without the v2 SDK
 * wherever that is certain: any request but a POST, and a well-formed JSON-RPC
 * request or notification with no per-request envelope claim
 * (`_meta["io.modelcontextprotocol/protocolVersion"]`) and no
 * `MCP-Protocol-Version` header naming 2026-07-28 or later. Those are exactly
 * the requests the v2 classifier (`isLegacyRequest`) answers as legacy through
 * its "http-method", "no claim" and "initialize" rules; anything else (batches,
 * posted responses, envelope claims, odd shapes) goes to the v2 classifier
 * itself, so routing never differs from it.
 *
 * @module
 */

import type { ModernEndpoint } from "./modern.ts";

/** The first protocol revision of the 2026 era (the v2 SDK's `FIRST_MODERN_PROTOCOL_VERSION`). */
const FIRST_MODERN_VERSION = "2026-07-28";
/** The `_meta` key whose presence claims the per-request envelope of the 2026 era. */
const ENVELOPE_CLAIM = "io.modelcontextprotocol/protocolVersion";
const DATE_VERSION = /^\d{4}-\d{2}-\d{2}$/;
const MESSAGE_KEYS = new Set(["jsonrpc", "id", "method", "params"]);

/**
 * True when `request` (with `body`, its parsed JSON) is certainly 2025-era
 * traffic; false means "ask the v2 classifier", not "modern". Once the v2 SDK
 * is loaded it still spares most 2025-era requests that classifier's zod checks.
 */
export function certainlyLegacy(request: Request, body: unknown): boolean {
  if (request.method !== "POST") return true; // the v2 classifier's "http-method" rule
  const header = request.headers.get("mcp-protocol-version");
  if (header !== null) {
    const version = header.replace(/^[ \t]+|[ \t]+$/g, "");
    if (!DATE_VERSION.test(version) || version >= FIRST_MODERN_VERSION) return false;
  }
  if (!isPlainObject(body) || body.jsonrpc !== "2.0" || typeof body.method !== "string") {
    return false;
  }
  if (Object.keys(body).some((key) => !MESSAGE_KEYS.has(key))) return false;
  if ("id" in body && !(typeof body.id === "string" || Number.isSafeInteger(body.id))) {
    return false;
  }
  if (!("params" in body)) return true;
  if (!isPlainObject(body.params)) return false;
  if (!("_meta" in body.params)) return true;
  const meta = body.params._meta;
  if (!isPlainObject(meta) || ENVELOPE_CLAIM in meta) return false;
  // Keys the v2 schema checks (anything else in `_meta` passes through it).
  const token = meta.progressToken;
  if (token !== undefined && !(typeof token === "string" || Number.isSafeInteger(token))) {
    return false;
  }
  return !("io.modelcontextprotocol/related-task" in meta);
}

/**
 * A {@link ModernEndpoint} that loads the real one (through `load`, a static
 * `import()` of our own modules) on the first request {@link certainlyLegacy}
 * cannot settle. A failed load rejects that request and is retried by the next.
 */
export function lazyModernEndpoint(load: () => Promise<ModernEndpoint>): ModernEndpoint {
  let loading: Promise<ModernEndpoint> | undefined;
  let loaded: ModernEndpoint | undefined;
  const endpoint = () =>
    loading ??= load().then(
      (real) => loaded = real,
      (error) => {
        loading = undefined;
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Cannot load the 2026-07-28 protocol support: ${reason}`, { cause: error });
      },
    );
  return {
    async isLegacy(request, body) {
      if (certainlyLegacy(request, body)) return true;
      return await (await endpoint()).isLegacy(request, body);
    },
    async fetch(request, caller, body) {
      return await (await endpoint()).fetch(request, caller, body);
    },
    // Before the first 2026 request there is no open subscription to tell.
    notify: {
      toolsChanged: () => loaded?.notify.toolsChanged(),
      promptsChanged: () => loaded?.notify.promptsChanged(),
      resourcesChanged: () => loaded?.notify.resourcesChanged(),
      resourceUpdated: (uri) => loaded?.notify.resourceUpdated(uri),
    },
    close: async () => {
      await loaded?.close();
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
