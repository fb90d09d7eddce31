/**
 * Names the SDK checks before emitting: column types, precondition kinds,
 * HTTP verbs and identifiers.
 *
 * @module
 */

import { FIELD_TYPES } from "../names.ts";

/** Column and input types of XanoScript 11.0.3: the validator's list, so the two never drift. */
export { FIELD_TYPES };

/** Endpoint verbs the grammar accepts. */
export const VERBS: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/** `precondition` error types and the HTTP statuses that map onto them. */
export const PRECONDITION_KINDS: Readonly<Record<string, string>> = Object.freeze({
  inputerror: "inputerror",
  accessdenied: "accessdenied",
  notfound: "notfound",
  standard: "standard",
  "400": "inputerror",
  "401": "accessdenied",
  "403": "accessdenied",
  "404": "notfound",
  "500": "standard",
});

/** A variable, alias or field name. */
export const IDENTIFIER: RegExp = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `type` is a known type, an array of one (`text[]`, `int[1:10]`). */
export function isFieldType(type: string): boolean {
  const m = /^([a-z_]+)(\[(\d*:\d*)?\])?$/.exec(type);
  return m !== null && FIELD_TYPES.has(m[1]);
}
