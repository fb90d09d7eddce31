/**
 * Input and schema field declarations:
 * `<type>[list][?] <name>[?][=<default>] [filters=…] [{ … }]`.
 *
 * @module
 */

import type { XsField, XsInputFilter, XsItem } from "./ast.ts";
import { T, type Token } from "./lexer.ts";
import { FIELD_TYPES, INPUT_FILTERS, TYPE_CORRECTIONS } from "./names.ts";
import { parseAttribute, parseAttributeBody, RESERVED } from "./parse_stack.ts";
import type { ArgType } from "./parse_schema.ts";
import { type Cursor, describe, node } from "./parser_core.ts";

const COLUMN_ARGS = new Set(["description", "table", "size", "sensitive"]);
const COLUMN_TYPES: Readonly<Record<string, ArgType>> = {
  description: "string",
  table: "string",
  size: "number",
  sensitive: "boolean",
  values: { array: "string" },
  override: { object: { "*": { object: { hidden: "boolean" } } } },
};

function columnType(name: string): ArgType {
  return COLUMN_TYPES[name] ?? "expr";
}

/** Parses `{ NL field NL … }` of an `input` or `schema` clause. */
export function parseFieldBlock(p: Cursor, where: "input" | "schema"): XsItem[] {
  p.punct("{", `after '${where}'`);
  const items: XsItem[] = [];
  for (;;) {
    p.newlines(items.length === 0 ? "after '{'" : "after a field");
    if (p.isPunct("}")) {
      p.next();
      return items;
    }
    const tok = p.peek();
    if (tok.t === T.Comment) {
      items.push(node({ kind: "comment", text: p.next().v }));
      if (where === "input") {
        const save = p.i;
        const lines = p.skipNewlines();
        if (lines > 1 || p.isPunct("}") || p.peek().t === T.Eof) {
          p.fail(
            p.toks[save + 1] ?? p.peek(),
            "A comment in an input block must be directly followed by a field",
            "XS_COMMENT",
          );
        }
        p.i = save;
      }
      continue;
    }
    items.push(parseField(p, where));
  }
}

function parseField(p: Cursor, where: "input" | "schema"): XsField {
  const typeTok = p.peek();
  if (typeTok.t !== T.Ident) {
    p.fail(typeTok, `Expected a field type but found ${describe(typeTok)}`);
  }
  const type = typeTok.v;
  if (!FIELD_TYPES.has(type) || (type === "file" && where === "schema")) {
    const better = TYPE_CORRECTIONS[type];
    p.fail(
      typeTok,
      `Unknown field type '${type}'`,
      "XS_UNKNOWN_TYPE",
      better ? `Use '${better}'` : `Valid types: ${[...FIELD_TYPES].join(", ")}`,
    );
  }
  p.next();
  if (type === "dblink") {
    const body = parseAttributeBody(p, "schema", columnType);
    const names = body.flatMap((i) => (i.kind === "attribute" ? [i.name] : []));
    if (!names.includes("table")) {
      p.error(typeTok, "dblink is missing the argument 'table'", "XS_MISSING_ARGUMENT");
    }
    checkNames(p, body, new Set(["table", "override"]), typeTok);
    return node({
      kind: "field",
      type,
      nullable: false,
      name: "",
      optional: false,
      filters: [],
      body,
    });
  }
  const list = parseList(p);
  let nullable = false;
  if (p.isPunct("?") && type !== "object") {
    p.next();
    nullable = true;
  }
  const nameTok = p.peek();
  if (nameTok.t !== T.Ident || RESERVED.has(nameTok.v)) {
    p.fail(nameTok, `Expected a field name after '${type}' but found ${describe(nameTok)}`);
  }
  p.next();
  let optional = false;
  if (p.isPunct("?")) {
    p.next();
    optional = true;
  }
  let defaultValue: string | undefined;
  if (p.isPunct("=") && type !== "object") {
    p.next();
    const v = p.peek();
    if (![T.String, T.Int, T.Float, T.Ident].includes(v.t as 2)) {
      p.fail(
        v,
        `Expected a default value but found ${describe(v)}`,
        "XS_SYNTAX",
        'Defaults are single values: ?=1, ?="x", ?=true, ?=now',
      );
    }
    defaultValue = p.next().v;
  }
  let filters: XsInputFilter[] = [];
  if (p.isWord("filters") && type !== "object" && type !== "enum") {
    filters = parseInputFilters(p, type);
  }
  const body = parseFieldBody(p, type, nameTok);
  return node({
    kind: "field",
    type,
    list,
    nullable,
    name: nameTok.v,
    optional,
    default: defaultValue,
    filters,
    body,
  });
}

function parseList(p: Cursor): string | undefined {
  if (!p.isPunct("[")) return undefined;
  const start = p.next();
  let text = "[";
  if (p.peek().t === T.Int) {
    text += p.next().v;
    if (p.isPunct(":")) {
      p.next();
      const hi = p.peek();
      if (hi.t !== T.Int) p.fail(hi, `Expected a number after ':' but found ${describe(hi)}`);
      text += ":" + p.next().v;
    }
  }
  const close = p.peek();
  if (!(close.t === T.Punct && close.v === "]")) {
    p.fail(close, `Expected ']' to close the list type opened at column ${start.col}`);
  }
  p.next();
  return text + "]";
}

function parseInputFilters(p: Cursor, type: string): XsInputFilter[] {
  p.next();
  p.punct("=", "after 'filters'");
  const out: XsInputFilter[] = [];
  const allowed = INPUT_FILTERS[type];
  do {
    if (out.length > 0) p.next();
    let disabled = false;
    if (p.isPunct("!")) {
      p.next();
      disabled = true;
    }
    if (p.isPunct("@") && p.isPunct(":", 1)) {
      p.next();
      p.next();
      const dbo = p.ident("'dbo=<id>' after '@:'");
      p.punct("=", "after 'dbo'");
      const id = p.peek();
      if (id.t !== T.Int) p.fail(id, `Expected a number after 'dbo=' but found ${describe(id)}`);
      p.next();
      out.push(node({ name: "@", disabled, args: [`${dbo.v}=${id.v}`] }));
      continue;
    }
    const nameTok = p.ident("an input filter name");
    if (allowed && !allowed.has(nameTok.v)) {
      p.error(
        nameTok,
        `Filter '${nameTok.v}' cannot be applied to input of type '${type}'`,
        "XS_UNKNOWN_FILTER",
        allowed.size > 0 ? `Input filters for ${type}: ${[...allowed].join(", ")}` : undefined,
      );
    }
    const args: string[] = [];
    while (p.isPunct(":")) {
      p.next();
      const a = p.peek();
      if (![T.Ident, T.String, T.Int, T.Float].includes(a.t as 2)) {
        p.fail(a, `Expected a filter argument after ':' but found ${describe(a)}`);
      }
      args.push(p.next().v);
    }
    out.push(node({ name: nameTok.v, disabled, args }));
  } while (p.isPunct("|"));
  return out;
}

function parseFieldBody(p: Cursor, type: string, nameTok: Token): XsItem[] | undefined {
  if (type === "enum") {
    if (!p.isPunct("{")) {
      p.fail(p.peek(), `Expected '{' with 'values = […]' after enum '${nameTok.v}'`);
    }
    const items = parseAttributeBody(p, "lines", columnType);
    if (!items.some((i) => i.kind === "attribute" && i.name === "values")) {
      p.error(
        nameTok,
        `enum '${nameTok.v}' is missing the values attribute`,
        "XS_MISSING_ARGUMENT",
      );
    }
    checkNames(p, items, new Set(["values", "description", "sensitive"]), nameTok);
    return items;
  }
  if (type === "object") {
    if (!p.isPunct("{")) return undefined;
    return parseObjectFieldBody(p);
  }
  if (!p.isPunct("{")) return undefined;
  const items = parseAttributeBody(p, "schema", columnType);
  checkNames(p, items, COLUMN_ARGS, nameTok);
  return items;
}

function checkNames(p: Cursor, items: XsItem[], allowed: ReadonlySet<string>, at: Token): void {
  for (const item of items) {
    if (item.kind === "attribute" && !allowed.has(item.name)) {
      p.error(
        at,
        `The argument '${item.name}' is not valid in this context`,
        "XS_INVALID_ARGUMENT",
        `Valid field attributes: ${[...allowed].join(", ")}`,
      );
    }
  }
}

function parseObjectFieldBody(p: Cursor): XsItem[] {
  p.punct("{");
  const items: XsItem[] = [];
  for (;;) {
    p.newlines("inside an object field");
    if (p.isPunct("}")) {
      p.next();
      return items;
    }
    if (p.isWord("schema")) {
      p.next();
      const body = p.isPunct("{") ? parseFieldBlockOrEmpty(p) : undefined;
      items.push(node({ kind: "block", keyword: "schema", body }));
      continue;
    }
    const tok = p.peek();
    if (tok.t === T.Ident && p.isPunct("=", 1)) {
      items.push(parseAttribute(p, false));
      continue;
    }
    p.fail(
      tok,
      `Expected 'schema {' or an attribute in an object field but found ${describe(tok)}`,
    );
  }
}

function parseFieldBlockOrEmpty(p: Cursor): XsItem[] {
  return parseFieldBlock(p, "input");
}
