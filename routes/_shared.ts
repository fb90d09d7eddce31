/**
 * Helpers the route modules share: the Hono env with the session variable,
 * form parsing, and the checks every unsafe request passes.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { ForbiddenError } from "../lib/errors.ts";
import { CSRF_FIELD, csrfMatches, isSameOrigin } from "../lib/web/csrf.ts";
import type { DashboardSession, WebDeps } from "../lib/web/deps.ts";

/** Hono env of dashboard routes: the guard puts the session here. */
export type WebEnv = { Variables: { session: DashboardSession } };

/** The dashboard's Hono app type. */
export type WebApp = Hono<WebEnv>;

/** A parsed form: single values as strings, repeated fields as arrays. */
export type Form = Record<string, string | string[]>;

/** Reads a urlencoded or multipart form; files are ignored. */
export async function readForm(c: Context): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const form: Form = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string") form[key] = value;
    else if (Array.isArray(value)) {
      form[key] = value.filter((v): v is string => typeof v === "string");
    }
  }
  return form;
}

/** One string field of a form (the first, when repeated), trimmed unless `raw`. */
export function field(form: Form, name: string, raw = false): string {
  const value = form[name];
  const text = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  return raw ? text : text.trim();
}

/** Every value of a repeated field. */
export function fields(form: Form, name: string): string[] {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Rejects cross-origin posts and posts without this session's CSRF token. */
export function assertFormAllowed(
  c: Context<WebEnv>,
  deps: WebDeps,
  form: Form,
): void {
  if (!isSameOrigin(c.req.raw, deps.config.publicUrl)) {
    throw new ForbiddenError(
      "This form was sent from another site; open the page here and try again",
    );
  }
  if (!csrfMatches(c.get("session").csrfToken, field(form, CSRF_FIELD))) {
    throw new ForbiddenError(
      "The form expired or was tampered with; reload the page and try again",
    );
  }
}

/** The MCP endpoint's public URL. */
export function mcpUrl(deps: WebDeps): string {
  return `${deps.config.publicUrl}/mcp`;
}

/** Page props every layout needs. */
export function chrome(deps: WebDeps): { assets: WebDeps["assets"]; sandbox: boolean } {
  return { assets: deps.assets, sandbox: deps.config.xano.useSandbox };
}
