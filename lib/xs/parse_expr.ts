/**
 * Expressions. XanoScript has no operator precedence: an expression is an
 * operand (with `!` prefixes, accessors and filters) optionally followed by an
 * operator and another full expression, so chains bind right to left. Filter
 * arguments are full expressions too. An operand that carries filters may not
 * be followed by an operator; the official parser demands parentheses there.
 *
 * @module
 */

import type {
  XsAccessor,
  XsAtom,
  XsExpr,
  XsFilter,
  XsObjectEntry,
  XsUnit,
  XsVariable,
} from "./ast.ts";
import { T, type Token } from "./lexer.ts";
import {
  ENV_VARIABLES,
  EXPRESSION_FILTERS,
  FOLK_FILTER_NAMES,
  OPERATORS,
  QUERY_FILTERS,
  QUERY_WORD_OPERATORS,
} from "./names.ts";
import { type Cursor, describe, node } from "./parser_core.ts";

/** Expression context: `query` enables the operators and filters of `where` clauses. */
export interface ExprMode {
  readonly query: boolean;
}

const PLAIN: ExprMode = { query: false };
const COMPARATORS = new Set(["==", "!=", "===", "!==", ">", ">=", "<", "<="]);
const CASTS = new Set(["int", "bool", "array", "text", "expr", "decimal", "object", "timestamp"]);
const WORD_OPERATOR_STARTS = new Set(QUERY_WORD_OPERATORS.map((op) => op.split(" ")[0]));
const ERROR_PROPS = new Set(["name", "code", "message", "result"]);
const NEEDS_FIELD = new Set(["$input", "$var"]);

/** Parses one expression. */
export function parseExpr(p: Cursor, mode: ExprMode = PLAIN): XsExpr {
  const start = p.peek();
  const unit = parseUnit(p, mode);
  const opTok = p.peek();
  if (opTok.t === T.Punct && opTok.v === "?") {
    p.next();
    const then = parseExpr(p, mode);
    p.punct(":", "in a ternary expression");
    const otherwise = parseExpr(p, mode);
    if (unit.filters.length > 0) precedenceError(p, start);
    return node({ kind: "ternary", test: unit, then, otherwise });
  }
  const op = readOperator(p, mode);
  if (op === undefined) return unit;
  let nullSafe = false;
  const nullable = COMPARATORS.has(op) || (/^[a-z ]+$/.test(op) && op !== "search");
  if (mode.query && nullable && p.isPunct("?")) {
    p.next();
    nullSafe = true;
  }
  const right = parseExpr(p, mode);
  if (unit.filters.length > 0) precedenceError(p, start);
  return node({ kind: "binary", op, nullSafe, left: unit, right });
}

function precedenceError(p: Cursor, tok: Token): void {
  p.error(
    tok,
    "An expression should be wrapped in parentheses when combining filters and tests",
    "XS_FILTER_PRECEDENCE",
    "Wrap the filtered value in parentheses, e.g. (($items|count) > 0)",
  );
}

function readOperator(p: Cursor, mode: ExprMode): string | undefined {
  const tok = p.peek();
  if (tok.t === T.Punct) {
    if (OPERATORS.has(tok.v)) {
      p.next();
      return tok.v;
    }
    if (mode.query && (tok.v === "=" || tok.v === "@>" || tok.v === "!~")) {
      p.next();
      return tok.v;
    }
    return undefined;
  }
  if (!mode.query || tok.t !== T.Ident) return undefined;
  if (!WORD_OPERATOR_STARTS.has(tok.v)) return undefined;
  for (const op of QUERY_WORD_OPERATORS) {
    const parts = op.split(" ");
    if (parts.every((w, k) => p.isWord(w, k))) {
      for (let k = 0; k < parts.length; k++) p.next();
      return op;
    }
  }
  return undefined;
}

/** Parses an operand: `!`* atom accessors* filters*. */
export function parseUnit(p: Cursor, mode: ExprMode = PLAIN): XsUnit {
  let not = 0;
  while (p.isPunct("!") && !isCast(p)) {
    p.next();
    not++;
  }
  const atom = parseAtom(p, mode);
  const path = parseBracketAccessors(p, mode);
  const filters = parseFilters(p, mode);
  return node({ kind: "unit", not, atom, path, filters });
}

function isCast(p: Cursor): boolean {
  const a = p.peek(1);
  return a.t === T.Ident && !a.spaced && CASTS.has(a.v) && p.peek(2).t === T.String;
}

/** Parses `|name:arg…` filters, allowing a filter to start the next line. */
export function parseFilters(p: Cursor, mode: ExprMode): XsFilter[] {
  const filters: XsFilter[] = [];
  for (;;) {
    if (p.isPunct("|")) p.next();
    else if (p.atNewline() && p.isPunct("|", 1)) {
      p.next();
      p.next();
    } else break;
    let disabled = false;
    if (p.isPunct("!")) {
      p.next();
      disabled = true;
    }
    const nameTok = p.ident("a filter name after '|'");
    const known = mode.query ? QUERY_FILTERS : EXPRESSION_FILTERS;
    if (!known.has(nameTok.v)) {
      p.error(
        nameTok,
        `Unknown filter function '${nameTok.v}'`,
        "XS_UNKNOWN_FILTER",
        suggestFilter(nameTok.v, mode),
      );
    }
    const args: XsExpr[] = [];
    while (p.isPunct(":")) {
      p.next();
      args.push(parseExpr(p, mode));
    }
    filters.push(node({ name: nameTok.v, disabled, args }));
  }
  return filters;
}

/** Suggestions only: `add_days` and `parse` need more than a rename, so the fixer leaves them. */
const FILTER_HINTS: Readonly<Record<string, string>> = {
  ...FOLK_FILTER_NAMES,
  parse: "json_decode",
  add_days: "transform_timestamp",
};

function suggestFilter(name: string, mode: ExprMode): string | undefined {
  const hint = FILTER_HINTS[name.toLowerCase()];
  if (hint && EXPRESSION_FILTERS.has(hint) && !mode.query) return `Use the filter '${hint}'`;
  if (mode.query && EXPRESSION_FILTERS.has(name)) {
    return "Only query filters are allowed in a where clause; compute the value into a variable first";
  }
  return undefined;
}

function parseAtom(p: Cursor, mode: ExprMode): XsAtom {
  const tok = p.peek();
  switch (tok.t) {
    case T.String:
      p.next();
      return node({ kind: "literal", type: "string", raw: tok.v });
    case T.Int:
    case T.Float:
      p.next();
      return node({ kind: "literal", type: "number", raw: tok.v });
    case T.MultiString:
      p.next();
      return node({ kind: "literal", type: "multiline", raw: tok.v });
    case T.Backtick:
    case T.MultiExpr:
      p.next();
      return node({ kind: "literal", type: "backtick", raw: tok.v });
    case T.Timestamp:
      p.next();
      return node({ kind: "literal", type: "timestamp", raw: tok.v });
    case T.Var:
      return parseVariable(p, mode);
    case T.Ident:
      if (tok.v === "true" || tok.v === "false") {
        p.next();
        return node({ kind: "literal", type: "bool", raw: tok.v });
      }
      if (tok.v === "null" || tok.v === "now") {
        p.next();
        return node({ kind: "literal", type: tok.v, raw: tok.v });
      }
      break;
    case T.Punct:
      if (tok.v === "(") return parseParen(p, mode);
      if (tok.v === "[") return parseArray(p, mode);
      if (tok.v === "{") return parseObject(p, mode);
      if (tok.v === "!" && isCast(p)) {
        p.next();
        const type = p.next().v;
        return node({ kind: "cast", type, raw: p.next().v });
      }
  }
  return p.fail(tok, `Expected an expression but found ${describe(tok)}`);
}

function parseParen(p: Cursor, mode: ExprMode): XsAtom {
  p.next();
  let expr: XsExpr;
  if (p.isPunct("|")) {
    const filters = parseFilters(p, mode);
    expr = node({
      kind: "unit",
      not: 0,
      atom: node({ kind: "filter_only", filters }),
      path: [],
      filters: [],
    });
  } else expr = parseExpr(p, mode);
  if (p.atNewline() && p.isPunct(")", 1)) p.next();
  p.punct(")", "to close the parenthesis");
  const path: XsAccessor[] = [];
  while (p.isPunct(".") && p.peek(1).t === T.Ident) {
    p.next();
    path.push(node({ kind: "prop", name: p.next().v }));
  }
  return node({ kind: "paren", expr, path });
}

function parseArray(p: Cursor, mode: ExprMode): XsAtom {
  p.next();
  const items: XsExpr[] = [];
  separated(p, "]", () => items.push(parseExpr(p, mode)));
  return node({ kind: "array", items });
}

function parseObject(p: Cursor, mode: ExprMode): XsAtom {
  p.next();
  const entries: XsObjectEntry[] = [];
  separated(p, "}", () => {
    const { disabled, keyTok, key } = parseObjectKey(p);
    const colon = p.peek();
    if (!(colon.t === T.Punct && colon.v === ":")) {
      p.fail(
        colon,
        `Expected ':' after the object key '${key}' but found ${describe(colon)}`,
        "XS_SYNTAX",
        colon.v === "=" ? "Object literals use 'key: value'" : undefined,
      );
    }
    if (entries.some((e) => e.key === key)) {
      p.error(keyTok, `Duplicate key '${key}' found`, "XS_DUPLICATE");
    }
    p.next();
    entries.push(node({ key, disabled, value: parseExpr(p, mode) }));
  });
  return node({ kind: "object", entries });
}

/** Items separated by commas or newlines up to `close` (consumed). */
/** An object entry's key: an optional `!` (disabled), then a string or a dotted name. */
export function parseObjectKey(p: Cursor): { disabled: boolean; keyTok: Token; key: string } {
  let disabled = false;
  if (p.isPunct("!")) {
    p.next();
    disabled = true;
  }
  const keyTok = p.peek();
  let key: string;
  if (keyTok.t === T.String) key = p.next().v;
  else if (keyTok.t === T.Ident || keyTok.t === T.Int) {
    key = p.next().v;
    while (p.isPunct(".") && p.peek(1).t === T.Ident) {
      p.next();
      key += "." + p.next().v;
    }
  } else return p.fail(keyTok, `Expected an object key but found ${describe(keyTok)}`);
  return { disabled, keyTok, key };
}

/** Items up to `close`, separated by commas or new lines; consumes `close`. */
export function separated(p: Cursor, close: string, item: () => void): void {
  p.skipNewlines();
  while (!p.isPunct(close)) {
    item();
    const tok = p.peek();
    if (tok.t === T.Punct && tok.v === ",") {
      p.next();
      p.skipNewlines();
    } else if (tok.t === T.Newline) p.skipNewlines();
    else if (!(tok.t === T.Punct && tok.v === close)) {
      p.fail(tok, `Expected a comma, a new line or '${close}' but found ${describe(tok)}`);
    }
  }
  p.next();
}

function parseVariable(p: Cursor, mode: ExprMode): XsVariable {
  const tok = p.next();
  if (ENV_VARIABLES.has(tok.v)) {
    p.fail(
      tok,
      `'${tok.v}' is only available as '$env.${tok.v}'`,
      "XS_SYNTAX",
      `Write '$env.${tok.v}'`,
    );
  }
  const path: XsAccessor[] = [];
  if (NEEDS_FIELD.has(tok.v) || tok.v === "$env") {
    const after = p.peek();
    if (!(after.t === T.Punct && (after.v === "." || after.v === "["))) {
      p.fail(after, `Expected '.' or '[' after '${tok.v}' but found ${describe(after)}`);
    }
  }
  if (tok.v === "$error") {
    const prop = p.peek(1);
    if (!p.isPunct(".") || prop.t !== T.Ident) {
      p.next();
      p.fail(
        prop,
        `Expected a property of $error (name, code, message, result) but found ${describe(prop)}`,
      );
    }
    if (!ERROR_PROPS.has(prop.v)) {
      p.error(
        prop,
        `Invalid property '${prop.v}' for $error; use name, code, message or result`,
        "XS_INVALID_VALUE",
      );
    }
    if (p.inCatch === 0) {
      p.error(tok, "Invalid use of $error outside of a catch block", "XS_INVALID_VALUE");
    }
  }
  chain(p, mode, path);
  if (tok.v === "$env" && path.length > 0) {
    const first = path[0];
    if (first.kind === "prop" && (first.name === "$http_headers" || first.name === "$webflow")) {
      if (path.length < 2) {
        p.fail(p.peek(), `Expected '.' or '[' after '$env.${first.name.slice(1)}'`);
      }
    }
  }
  return node({ kind: "variable", name: tok.v, path });
}

function chain(p: Cursor, mode: ExprMode, path: XsAccessor[]): void {
  for (;;) {
    if (p.isPunct(".")) {
      const a = p.peek(1);
      if (a.t === T.Ident || a.t === T.Var || a.t === T.Int) {
        p.next();
        p.next();
        path.push(node({ kind: "prop", name: a.v }));
        continue;
      }
      if (a.t === T.Punct && a.v === "[") {
        p.next();
        path.push(bracket(p, mode, true));
        continue;
      }
      p.next();
      p.fail(a, `Expected a property name after '.' but found ${describe(a)}`);
    }
    if (p.isPunct("[")) {
      path.push(bracket(p, mode, false));
      continue;
    }
    return;
  }
}

function bracket(p: Cursor, mode: ExprMode, dotted: boolean): XsAccessor {
  p.punct("[");
  const expr = parseExpr(p, mode);
  p.punct("]", "to close the index");
  return node({ kind: "index", expr, dotted });
}

function parseBracketAccessors(p: Cursor, mode: ExprMode): XsAccessor[] {
  const path: XsAccessor[] = [];
  chain(p, mode, path);
  return path;
}
