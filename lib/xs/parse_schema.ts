/**
 * Typed statement arguments. Many statements declare a type for each argument
 * (a string literal, a number, an enum value, an object with known keys, an
 * array of strings, …) and the official parser reads those values
 * structurally rather than as free expressions: `return = $r` or
 * `sort = {a: "up"}` are errors there, and so they are here.
 *
 * @module
 */

import type { XsExpr, XsObjectEntry } from "./ast.ts";
import { T, type Token } from "./lexer.ts";
import { parseExpr, parseObjectKey, separated } from "./parse_expr.ts";
import { type Cursor, describe, node } from "./parser_core.ts";

/**
 * An argument type: free `expr`ession, `query` expression, literal `string`,
 * `number` or `boolean`, an enum (list of allowed strings), an array of a
 * type, or an object whose keys map to types. Object keys ending in `?` are
 * optional; the key `*` stands for any key (at least one entry required unless
 * written `*?`), `!*` for any key that may be disabled with `!`.
 */
export type ArgType =
  | "expr"
  | "query"
  | "string"
  | "number"
  | "boolean"
  | "timestamp"
  | readonly string[]
  | { readonly array: ArgType }
  | { readonly object: Readonly<Record<string, ArgType>> };

function literal(type: "string" | "number" | "bool", raw: string): XsExpr {
  return node({
    kind: "unit",
    not: 0,
    atom: node({ kind: "literal", type, raw }),
    path: [],
    filters: [],
  });
}

function unitOf(
  atom: { kind: "array"; items: XsExpr[] } | { kind: "object"; entries: XsObjectEntry[] },
): XsExpr {
  return node({ kind: "unit", not: 0, atom: node(atom), path: [], filters: [] }) as XsExpr;
}

/** Parses a value of `type`; `name` is the argument or key the value belongs to. */
export function parseTyped(p: Cursor, type: ArgType, name: string): XsExpr {
  if (type === "expr" || type === "query") return parseExpr(p, { query: type === "query" });
  const tok = p.peek();
  if (type === "string") {
    if (tok.t === T.String || tok.t === T.MultiString) {
      p.next();
      return literal("string", tok.v);
    }
    return p.fail(
      tok,
      `Expected value of \`${name}\` to be of type \`string\` but found ${describe(tok)}`,
      "XS_INVALID_VALUE",
    );
  }
  if (type === "number") {
    if (tok.t === T.Int || tok.t === T.Float) {
      p.next();
      return literal("number", tok.v);
    }
    return p.fail(
      tok,
      `Expected value of \`${name}\` to be a number but found ${describe(tok)}`,
      "XS_INVALID_VALUE",
    );
  }
  if (type === "timestamp") {
    if (tok.t === T.Timestamp) {
      p.next();
      return node({
        kind: "unit",
        not: 0,
        atom: node({ kind: "literal", type: "timestamp", raw: tok.v }),
        path: [],
        filters: [],
      });
    }
    return p.fail(
      tok,
      `Expected a timestamp such as 2025-01-01 00:00:00+0000 for \`${name}\` but found ${
        describe(tok)
      }`,
      "XS_INVALID_VALUE",
    );
  }
  if (type === "boolean") {
    if (tok.t === T.Ident && (tok.v === "true" || tok.v === "false")) {
      p.next();
      return literal("bool", tok.v);
    }
    p.error(tok, `Expected value of \`${name}\` to be of type \`boolean\``, "XS_INVALID_VALUE");
    return parseExpr(p);
  }
  if (isEnum(type)) return parseEnum(p, type, name, tok);
  if ("array" in type) return parseArrayOf(p, type.array, name);
  return parseObjectOf(p, type.object, name);
}

function isEnum(type: ArgType): type is readonly string[] {
  return Array.isArray(type);
}

function parseEnum(p: Cursor, values: readonly string[], name: string, tok: Token): XsExpr {
  const list = values.join("`, `");
  if (tok.t !== T.String) {
    return p.fail(
      tok,
      `Expected one of the following values for \`${name}\`: \`${list}\``,
      "XS_INVALID_VALUE",
    );
  }
  p.next();
  if (!values.includes(tok.v.slice(1, -1))) {
    p.error(tok, `Expected value of \`${name}\` to be one of \`${list}\``, "XS_INVALID_VALUE");
  }
  return literal("string", tok.v);
}

/** Items separated by commas or newlines up to `close`. */
function parseArrayOf(p: Cursor, item: ArgType, name: string): XsExpr {
  const tok = p.peek();
  if (!(tok.t === T.Punct && tok.v === "[")) {
    return p.fail(
      tok,
      `Expected an array [] for \`${name}\` but found ${describe(tok)}`,
      "XS_INVALID_VALUE",
    );
  }
  p.next();
  const items: XsExpr[] = [];
  separated(p, "]", () => items.push(parseTyped(p, item, name)));
  return unitOf({ kind: "array", items });
}

function lookup(schema: Readonly<Record<string, ArgType>>, key: string, disabled: boolean) {
  if (!disabled) {
    for (const k of [key, key + "?", "*", "*?"]) {
      if (k in schema) return { key: k, type: schema[k] };
    }
  }
  for (const k of ["!*", "!*?"]) if (k in schema) return { key: k, type: schema[k] };
  return undefined;
}

function parseObjectOf(p: Cursor, schema: Readonly<Record<string, ArgType>>, name: string): XsExpr {
  const open = p.peek();
  if (!(open.t === T.Punct && open.v === "{")) {
    return p.fail(
      open,
      `Expected an object {} for \`${name}\` but found ${describe(open)}`,
      "XS_INVALID_VALUE",
    );
  }
  p.next();
  const entries: XsObjectEntry[] = [];
  const seen = new Set<string>();
  separated(p, "}", () => {
    const { disabled, keyTok, key } = parseObjectKey(p);
    const bare = keyTok.t === T.String ? key.slice(1, -1) : key;
    const found = lookup(schema, bare, disabled);
    if (entries.some((e) => e.key === key)) {
      p.error(keyTok, `Duplicate key '${bare}' found`, "XS_DUPLICATE");
    }
    if (!found) {
      p.error(
        keyTok,
        `The key '${bare}' is not valid in this context`,
        "XS_INVALID_KEY",
        `Valid keys: ${Object.keys(schema).join(", ")}`,
      );
    } else seen.add(found.key);
    p.punct(":", `after the key '${bare}'`);
    const value = found ? parseTyped(p, found.type, bare) : parseExpr(p);
    entries.push(node({ key, disabled, value }));
  });
  const close = p.toks[p.i - 1];
  for (const k of Object.keys(schema)) {
    if (k.endsWith("?") || seen.has(k)) continue;
    const message = k === "*" || k === "!*"
      ? `${name} requires at least one entry`
      : `${name} is missing required key '${k}'`;
    p.error(close, message, "XS_MISSING_KEY");
  }
  return unitOf({ kind: "object", entries });
}
