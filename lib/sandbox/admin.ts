/**
 * Sandbox-only admin routes (`<base>/_admin/…`), for tests and demos; they do
 * not exist on a real Xano and are not mounted when `admin` is off:
 *
 * - `GET /_admin/faults` → the active spec; `POST /_admin/faults` with
 *   `{"spec": "latency=50ms,error_rate=0.1"}` (or the spec as text/plain) sets
 *   it; `DELETE /_admin/faults` turns faults off.
 * - `POST /_admin/tokens` `{email?, scopes?, ttl?}` mints a Metadata API
 *   token (optionally with limited scopes or a short TTL).
 * - `POST /_admin/tokens/expire` expires every token now (`{"kind": "meta"}`: only
 *   Metadata tokens, so `/auth/me` refreshes them).
 * - `POST /_admin/reset` wipes the sandbox and seeds it again.
 *
 * @module
 */

import { Hono } from "hono";
import { parseDuration } from "../config.ts";
import type { SandboxEnv } from "./context.ts";
import { badRequest, inputError, notFound } from "./errors.ts";
import { type FaultController, FaultSpecError, formatFaultSpec } from "./faults.ts";
import type { Scopes } from "./model.ts";
import { parseScopes } from "./tokens.ts";

/** What the admin routes can do to a sandbox. */
export interface AdminActions {
  readonly faults: FaultController;
  issueToken(
    options: { email?: string; scopes?: Scopes; ttlMs?: number },
  ): Promise<{ token: string; expires_at: number }>;
  expireTokens(kind?: "auth" | "meta"): Promise<number>;
  reset(): Promise<void>;
}

/** Creates the admin routes, relative to `/_admin`. */
export function adminRoutes(actions: AdminActions): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const describe = () => ({ spec: formatFaultSpec(actions.faults.spec), ...actions.faults.spec });

  app.get("/faults", (c) => c.json(describe()));

  app.post("/faults", async (c) => {
    const text = await c.req.text();
    let spec = text.trim();
    if ((c.req.header("content-type") ?? "").includes("json")) {
      const body = parseJson(text) as { spec?: unknown } | null;
      if (!body || typeof body.spec !== "string") {
        throw inputError("spec", `Send {"spec": "latency=50ms,error_rate=0.1"}`);
      }
      spec = body.spec;
    }
    try {
      actions.faults.set(spec);
    } catch (error) {
      if (error instanceof FaultSpecError) throw inputError("spec", error.message);
      throw error;
    }
    return c.json(describe());
  });

  app.delete("/faults", (c) => {
    actions.faults.clear();
    return c.json(describe());
  });

  app.post("/tokens", async (c) => {
    const text = await c.req.text();
    const body = (text.trim() ? parseJson(text) : {}) as Record<string, unknown> | null;
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw badRequest("Request body must be a JSON object");
    }
    let scopes: Scopes | undefined;
    if (body.scopes !== undefined) {
      const parsed = parseScopes(body.scopes);
      if (typeof parsed === "string") throw inputError("scopes", parsed);
      scopes = parsed;
    }
    let ttlMs: number | undefined;
    if (body.ttl !== undefined) {
      ttlMs = typeof body.ttl === "string" ? parseDuration(body.ttl) : undefined;
      if (!ttlMs) throw inputError("ttl", `"ttl" must be a duration such as "60s" or "15m"`);
    }
    if (body.email !== undefined && typeof body.email !== "string") {
      throw inputError("email", `"email" must be a string`);
    }
    return c.json(
      await actions.issueToken({ email: body.email as string | undefined, scopes, ttlMs }),
    );
  });

  app.post("/tokens/expire", async (c) => {
    const text = await c.req.text();
    const body = (text.trim() ? parseJson(text) : {}) as { kind?: unknown } | null;
    const kind = body?.kind;
    if (kind !== undefined && kind !== "auth" && kind !== "meta") {
      throw inputError("kind", `"kind" must be "auth" or "meta" (or absent for both)`);
    }
    return c.json({ expired: await actions.expireTokens(kind) });
  });

  app.post("/reset", async (c) => {
    await actions.reset();
    return c.json({ reset: true });
  });

  app.all("*", (c) => {
    throw notFound(`No sandbox admin route for ${c.req.method} ${new URL(c.req.url).pathname}`);
  });
  return app;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("Request body is not valid JSON");
  }
}
