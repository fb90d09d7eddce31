/**
 * Summaries of parsed objects: what the sandbox needs to turn an accepted
 * script into an endpoint, table, function, task or API group record.
 *
 * @module
 */

import type { XsExpr, XsItem, XsObject } from "./ast.ts";

/** One input or table column. */
export interface XsFieldSummary {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly list: boolean;
}

/** The facts of one object the sandbox records. */
export interface XsObjectSummary {
  readonly kind: string;
  readonly name: string;
  readonly verb?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  readonly apiGroup?: string;
  readonly auth?: string;
  readonly description?: string;
  readonly inputs?: readonly XsFieldSummary[];
  readonly fields?: readonly XsFieldSummary[];
}

/** Decodes a XanoScript string literal (`"a\"b"`, `'a'`, `"""…"""`) to its value. */
export function unquote(raw: string): string {
  if (raw.startsWith('"""') || raw.startsWith("'''")) {
    return raw.slice(3, -3).replace(/^[ \t]*\r?\n/, "").replace(/\r?\n[ \t]*$/, "");
  }
  const q = raw[0];
  if (q !== '"' && q !== "'") return raw;
  const body = raw.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i];
    out += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n;
  }
  return out;
}

function stringValue(expr: XsExpr | undefined): string | undefined {
  if (!expr || expr.kind !== "unit" || expr.atom.kind !== "literal") return undefined;
  if (expr.atom.type === "string" || expr.atom.type === "multiline") return unquote(expr.atom.raw);
  return expr.atom.raw;
}

function attr(items: readonly XsItem[], name: string): XsExpr | undefined {
  for (const item of items) {
    if (item.kind === "attribute" && item.name === name) return item.value;
  }
  return undefined;
}

function fieldsOf(items: readonly XsItem[] | undefined): XsFieldSummary[] {
  const out: XsFieldSummary[] = [];
  for (const item of items ?? []) {
    if (item.kind !== "field" || item.type === "dblink") continue;
    out.push(Object.freeze({
      name: item.name,
      type: item.type,
      optional: item.optional || item.default !== undefined,
      nullable: item.nullable,
      list: item.list !== undefined,
    }));
  }
  return out;
}

function blockBody(items: readonly XsItem[], keyword: string): readonly XsItem[] | undefined {
  for (const item of items) {
    if (item.kind === "block" && item.keyword === keyword) return item.body ?? [];
  }
  return undefined;
}

/** Summarizes one parsed object. */
export function summarizeObject(object: XsObject): XsObjectSummary {
  const body = object.body;
  const summary: {
    -readonly [K in keyof XsObjectSummary]: XsObjectSummary[K];
  } = { kind: object.type, name: unquote(object.name) };
  if (object.verb) summary.verb = object.verb as XsObjectSummary["verb"];
  const group = stringValue(attr(body, "api_group"));
  if (group !== undefined) summary.apiGroup = group;
  const auth = attr(body, "auth");
  if (auth) summary.auth = stringValue(auth);
  const description = stringValue(attr(body, "description"));
  if (description !== undefined) summary.description = description;
  const input = blockBody(body, "input");
  if (input !== undefined) summary.inputs = fieldsOf(input);
  const schema = blockBody(body, "schema");
  if (schema !== undefined) summary.fields = fieldsOf(schema);
  return Object.freeze(summary);
}
