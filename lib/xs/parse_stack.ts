/**
 * Stack statements: `var`, `db.*`, `conditional`, loops, `try_catch`, … and
 * the attribute bodies they take.
 *
 * @module
 */

import type { XsAttribute, XsExpr, XsItem, XsStatement } from "./ast.ts";
import { T, type Token } from "./lexer.ts";
import { parseExpr, parseUnit } from "./parse_expr.ts";
import { type Cursor, describe, node } from "./parser_core.ts";
import { UNASSIGNABLE } from "./names.ts";
import { argType, type BodyStyle, type StatementSpec, statementSpec } from "./statements.ts";
import { type ArgType, parseTyped } from "./parse_schema.ts";
import { COMPOUND, PAREN_COMPOUND } from "./parse_control.ts";

/** Options for a statement list. */
export interface StackOptions {
  /** Also accept `name = value` attributes between statements (test blocks). */
  readonly attributes?: boolean;
}

/** Parses `{` NL statements… NL `}`; statements each start on a new line. */
export function parseStackBody(p: Cursor, options: StackOptions = {}): XsItem[] {
  p.punct("{");
  const items: XsItem[] = [];
  for (;;) {
    p.newlines(items.length === 0 ? "after '{'" : "after a statement");
    if (p.isPunct("}")) {
      p.next();
      return items;
    }
    const tok = p.peek();
    if (tok.t === T.Comment) {
      p.next();
      items.push(node({ kind: "comment", text: tok.v }));
      continue;
    }
    if (options.attributes && tok.t === T.Ident && p.isPunct("=", 1)) {
      items.push(parseAttribute(p, false));
      continue;
    }
    items.push(parseStatement(p));
  }
}

/** Literal keywords that cannot name a table, function or field. */
export const RESERVED: ReadonlySet<string> = new Set(["true", "false", "null", "now"]);

const UNKNOWN_HINTS: Readonly<Record<string, string>> = {
  if: "Wrap it in 'conditional { if (…) { … } }'",
  else: "Write 'else' inside a 'conditional' block, on its own line after '}'",
  elseif: "Write 'elseif' inside a 'conditional' block",
  response: "'response = …' belongs at the object level, after the stack",
  db: "Use a database statement such as 'db.get', 'db.query' or 'db.add'",
};

/** Parses one statement at the current token. */
export function parseStatement(p: Cursor): XsStatement {
  let bang = false;
  if (p.isPunct("!")) {
    p.next();
    bang = true;
  }
  const first = p.peek();
  if (first.t !== T.Ident) p.fail(first, `Expected a statement but found ${describe(first)}`);
  let name = p.next().v;
  while (p.isPunct(".") && p.peek(1).t === T.Ident && !p.peek(1).spaced) {
    p.next();
    name += "." + p.next().v;
  }
  const compound = COMPOUND[name];
  if (compound) {
    let paren;
    if (PAREN_COMPOUND.has(name)) paren = parseParenExpr(p, name);
    let body: XsItem[] | undefined;
    if (p.isPunct("{") || name !== "switch") body = compound(p);
    return node({ kind: "statement", name, bang, paren, body });
  }
  const spec = statementSpec(name);
  if (!spec) {
    return p.fail(
      first,
      `Unknown statement '${name}'`,
      "XS_UNKNOWN_STATEMENT",
      UNKNOWN_HINTS[name],
    );
  }
  return parseSimple(p, first, name, bang, spec);
}

/** Parses `( expr )` after a statement or block keyword. */
export function parseParenExpr(p: Cursor, name: string): XsExpr {
  p.punct("(", `after '${name}'`);
  p.skipNewlines();
  const e = parseExpr(p);
  p.skipNewlines();
  p.punct(")", `to close '${name} ('`);
  return e;
}

function parseTarget(p: Cursor, spec: StatementSpec, name: string): string | undefined {
  const tok = p.peek();
  switch (spec.target) {
    case "none":
      return undefined;
    case "name":
    case "name?":
      if (tok.t === T.String || (tok.t === T.Ident && !RESERVED.has(tok.v))) return p.next().v;
      if (spec.body === "loose" && tok.t === T.Var) return varPath(p);
      if (spec.target === "name?") return undefined;
      return p.fail(tok, `Expected a name after '${name}' but found ${describe(tok)}`);
    case "var":
      if (tok.t === T.Var) {
        assignable(p, tok);
        return p.next().v;
      }
      return p.fail(
        tok,
        `Expected a variable such as '$x' after '${name}' but found ${describe(tok)}`,
        "XS_SYNTAX",
        tok.t === T.Ident ? `Write '$${tok.v}'` : undefined,
      );
    case "varpath":
    case "varpath?":
      if (tok.t === T.Var) {
        if (name === "var.update") assignable(p, tok);
        return varPath(p);
      }
      if (spec.target === "varpath?") return undefined;
      return p.fail(tok, `Expected a variable after '${name}' but found ${describe(tok)}`);
  }
}

/** Fails when `tok` names a variable that cannot be assigned (`$input`, `$env`, …). */
export function assignable(p: Cursor, tok: Token): void {
  if (UNASSIGNABLE.has(tok.v)) {
    p.fail(
      tok,
      `'${tok.v}' is reserved and cannot be assigned`,
      "XS_RESERVED_VARIABLE",
      "Choose another variable name",
    );
  }
}

function varPath(p: Cursor, filtersAllowed = false): string {
  const start = p.peek().start;
  const unit = parseUnit(p);
  void filtersAllowed;
  void unit;
  return p.src.slice(start, p.toks[p.i - 1].end);
}

function parseSimple(
  p: Cursor,
  nameTok: Token,
  name: string,
  bang: boolean,
  spec: StatementSpec,
): XsStatement {
  const target = parseTarget(p, spec, name);
  let paren;
  if (spec.paren) paren = parseParenExpr(p, name);
  else if (spec.body === "loose" && p.isPunct("(")) paren = parseParenExpr(p, name);
  if (spec.body === "loose" && p.isWord("if") && p.isPunct("(", 1)) {
    p.next();
    parseParenExpr(p, "if");
  }
  let body: XsItem[] | undefined;
  if (p.isPunct("{")) body = parseArgs(p, name, spec);
  else if (!spec.bracesOptional) {
    p.fail(p.peek(), `Expected '{' after '${name}' but found ${describe(p.peek())}`);
  } else if (spec.required && spec.required.length > 0) {
    p.error(
      nameTok,
      `'${name}' is missing the argument '${spec.required[0]}'`,
      "XS_MISSING_ARGUMENT",
    );
  }
  let as: string | undefined;
  if (p.isWord("as")) {
    const asTok = p.next();
    if (spec.as === "none") {
      p.fail(asTok, `'${name}' does not return a value; remove 'as …'`, "XS_UNEXPECTED_AS");
    }
    const v = p.peek();
    if (v.t !== T.Var) {
      p.fail(
        v,
        `Expected a variable such as '$result' after 'as' but found ${describe(v)}`,
        "XS_SYNTAX",
        v.t === T.Ident ? `Write 'as $${v.v}'` : undefined,
      );
    }
    assignable(p, v);
    as = varPath(p, true);
  } else if (spec.as === "required") {
    p.warn(nameTok, `'${name}' has no 'as $name'; its result is discarded`, "XS_MISSING_AS");
  }
  return node({ kind: "statement", name, bang, target, paren, body, as });
}

/** Parses a `{ name = value … }` argument body and checks names against the spec. */
function parseArgs(p: Cursor, name: string, spec: StatementSpec): XsItem[] {
  if (spec.body === "loose") return parseLooseBody(p);
  const { required, optional } = spec;
  if (required === undefined || optional === undefined) {
    return parseAttributeBody(p, spec.body, (n) => argType(spec, n));
  }
  const seen = new Set<string>();
  const onName = (tok: Token, arg: string): void => {
    if (!required.includes(arg) && !optional.includes(arg)) {
      p.error(
        tok,
        `The argument '${arg}' is not valid in this context`,
        "XS_INVALID_ARGUMENT",
        `Valid arguments: ${[...required, ...optional].join(", ")}`,
      );
    } else if (seen.has(arg) && !spec.repeatable?.includes(arg)) {
      p.error(tok, `Duplicate argument '${arg}' found`, "XS_DUPLICATE");
    }
    seen.add(arg);
  };
  const items = parseAttributeBody(p, spec.body, (n) => argType(spec, n), onName);
  const close = p.toks[p.i - 1];
  checkDescription(p, items, close);
  for (const req of required) {
    if (!seen.has(req)) {
      p.error(close, `'${name}' is missing the argument '${req}'`, "XS_MISSING_ARGUMENT");
    }
  }
  return items;
}

/** `description = …` must be a plain string literal. */
export function checkDescription(p: Cursor, items: readonly XsItem[], at: Token): void {
  for (const item of items) {
    if (item.kind !== "attribute" || item.name !== "description") continue;
    const v = item.value;
    const ok = v.kind === "unit" && v.not === 0 && v.path.length === 0 && v.filters.length === 0 &&
      v.atom.kind === "literal" && (v.atom.type === "string" || v.atom.type === "multiline");
    if (!ok) {
      p.error(at, "Expected value of `description` to be of type `string`", "XS_INVALID_VALUE");
    }
  }
}

/** Parses `name = value` (or `!name = value`). */
export function parseAttribute(
  p: Cursor,
  type: ArgType | boolean,
  onName?: (tok: Token, name: string) => void,
): XsAttribute {
  let disabled = false;
  if (p.isPunct("!")) {
    p.next();
    disabled = true;
  }
  const tok = p.peek();
  if (tok.t !== T.Ident && tok.t !== T.String) {
    p.fail(tok, `Expected an argument name but found ${describe(tok)}`);
  }
  p.next();
  const name = tok.t === T.String ? tok.v.slice(1, -1) : tok.v;
  onName?.(tok, name);
  const eq = p.peek();
  if (!(eq.t === T.Punct && eq.v === "=")) {
    p.fail(eq, `Expected '=' after '${tok.v}' but found ${describe(eq)}`);
  }
  p.next();
  const value = typeof type === "boolean"
    ? parseExpr(p, { query: type })
    : parseTyped(p, type, name);
  return node({ kind: "attribute", name, disabled, value });
}

/** Parses a `{ … }` body of attributes in the given style. */
export function parseAttributeBody(
  p: Cursor,
  style: BodyStyle,
  typeOf: (name: string) => ArgType = () => "expr",
  onName?: (tok: Token, name: string) => void,
): XsItem[] {
  p.punct("{");
  const items: XsItem[] = [];
  let separated = true;
  for (;;) {
    const nl = p.skipNewlines();
    if (nl > 0) separated = true;
    const tok = p.peek();
    if (tok.t === T.Punct && tok.v === "}") {
      if (style === "schema" && items.length === 0) {
        p.fail(
          tok,
          "Expected at least one argument inside '{ }'",
          "XS_EMPTY_BLOCK",
          "Remove the empty braces or add an argument",
        );
      }
      p.next();
      return items;
    }
    if (style === "lines" && nl === 0) {
      p.fail(tok, `Expected a new line before ${describe(tok)}`, "XS_NEWLINE");
    }
    if (!separated) {
      const message = style === "schema"
        ? "Expected a comma, a new line or closing bracket"
        : `Expected '}' or a new line but found ${describe(tok)}`;
      p.fail(
        tok,
        message,
        "XS_SYNTAX",
        tok.v === "," ? "Put each argument on its own line" : undefined,
      );
    }
    if (tok.t === T.Comment) {
      p.fail(tok, "A comment cannot appear inside an argument block", "XS_COMMENT");
    }
    const name = tok.t === T.Punct && tok.v === "!" ? p.peek(1).v : tok.v;
    if (tok.t === T.Ident && tok.v === "mock" && p.peek(1).t === T.String) {
      p.next();
      const label = p.next().v;
      items.push(
        node({ kind: "block", keyword: "mock", label, body: parseAttributeBody(p, "plain") }),
      );
    } else {
      if (tok.t === T.Punct && tok.v === "!") {
        if (style !== "schema") {
          p.fail(tok, "An argument here cannot be disabled with '!'", "XS_SYNTAX");
        }
        p.error(
          tok,
          `The argument '${name}' cannot be disabled`,
          "XS_INVALID_VALUE",
          "Remove the '!'",
        );
      }
      items.push(parseAttribute(p, typeOf(name), onName));
    }
    separated = false;
    if (style === "schema" && p.isPunct(",")) {
      p.next();
      separated = true;
    }
  }
}

/** A permissive body: attributes, nested keyword blocks and statements. */
export function parseLooseBody(p: Cursor): XsItem[] {
  p.punct("{");
  const items: XsItem[] = [];
  for (;;) {
    p.skipNewlines();
    const tok = p.peek();
    if (tok.t === T.Punct && tok.v === "}") {
      p.next();
      return items;
    }
    if (tok.t === T.Comment) p.fail(tok, "A comment cannot appear inside this block", "XS_COMMENT");
    if ((tok.t === T.Ident || tok.t === T.String) && p.isPunct("=", 1)) {
      items.push(parseAttribute(p, false));
    } else if (tok.t === T.Ident && p.atNewline(1)) {
      items.push(node({ kind: "block", keyword: p.next().v }));
    } else if (tok.t === T.Ident && (p.isPunct("{", 1) || p.peek(1).t === T.String)) {
      const keyword = p.next().v;
      const label = p.peek().t === T.String ? p.next().v : undefined;
      items.push(node({ kind: "block", keyword, label, body: parseLooseBody(p) }));
    } else items.push(parseStatement(p));
    if (p.isPunct(",")) p.next();
  }
}
