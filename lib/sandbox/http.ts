/**
 * Request helpers shared by the sandbox's routes: body and parameter parsing
 * that turns every malformed input into a Xano-style 400, never a 500.
 *
 * @module
 */

import type { Context } from "hono";
import type { z } from "zod";
import type { SandboxEnv } from "./context.ts";
import { badRequest, inputError, notFound } from "./errors.ts";

/** The content type of XanoScript request bodies. */
export const XANOSCRIPT_TYPE = "text/x-xanoscript";

/** Largest request body the sandbox reads (1 MiB). */
export const MAX_BODY_BYTES = 1 << 20;

/** True when the request body is XanoScript. */
export function isXanoScript(c: Context<SandboxEnv>): boolean {
  return (c.req.header("content-type") ?? "").toLowerCase().startsWith(XANOSCRIPT_TYPE);
}

/** Reads the body as text, refusing bodies over {@link MAX_BODY_BYTES}. */
export async function readText(c: Context<SandboxEnv>): Promise<string> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) {
    throw badRequest(`Request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  return text;
}

/**
 * Reads a JSON object body (an empty body reads as `{}`); a body that is not
 * JSON, or JSON that is not an object, is a 400.
 */
export async function readJson(c: Context<SandboxEnv>): Promise<Record<string, unknown>> {
  const text = await readText(c);
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("Request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("Request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

/** Validates `value` against a zod schema; the first problem becomes an input error naming its field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    const where = path ? ` in "${path}"` : "";
    return failUnknown(issue.keys, where);
  }
  const param = path || "body";
  throw inputError(param, `Invalid "${param}": ${issue.message.replace(/^Invalid input: /, "")}`);
}

function failUnknown(names: readonly string[], where: string): never {
  throw inputError(
    names[0],
    `Unknown field${names.length > 1 ? "s" : ""}${where}: ${names.join(", ")}`,
  );
}

/** Reads and validates a JSON body in one step. */
export async function readBody<S extends z.ZodType>(
  c: Context<SandboxEnv>,
  schema: S,
): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(c));
}

/** A positive whole-number path parameter; anything else is 404 for `what`. */
export function idParam(c: Context<SandboxEnv>, name: string, what: string): number {
  const raw = c.req.param(name) ?? "";
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) {
    throw notFound(`${what} "${raw}" was not found: ids are positive whole numbers`);
  }
  return Number(raw);
}

/** A boolean query flag (`true`/`1` on, `false`/`0`/absent off); anything else is a 400. */
export function flag(c: Context<SandboxEnv>, name: string, fallback = false): boolean {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw inputError(name, `"${name}" must be true or false, got "${raw}"`);
}

/** An optional query string restricted to `allowed` values. */
export function choice<T extends string>(
  c: Context<SandboxEnv>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw inputError(name, `"${name}" must be one of ${allowed.join(", ")}, got "${raw}"`);
}
