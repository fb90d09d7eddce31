/**
 * Stack statements: `var`, `db.*`, `conditional`, loops, `try_catch`, … and
 * the attribute bodies they take.
 *
 * @module
 */

import type { XsAttribute, XsBlock, XsItem, XsStatement } from "./ast.ts";
import { T, type Token } from "./lexer.ts";
import { parseExpr, parseUnit } from "./parse_expr.ts";
import { type Cursor, describe, node } from "./parser_core.ts";
import { type BodyStyle, type StatementSpec, statementSpec } from "./statements.ts";

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

const COMPOUND: Readonly<Record<string, (p: Cursor) => XsItem[]>> = {
  conditional: parseConditional,
  switch: parseSwitch,
  foreach: (p) => parseLoop(p, true),
  for: (p) => parseLoop(p, true),
  while: (p) => parseLoop(p, false),
  try_catch: parseTryCatch,
  group: parseGroup,
  "db.transaction": parseGroup,
};

const PAREN_COMPOUND = new Set(["switch", "foreach", "for", "while"]);

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

function parseParenExpr(p: Cursor, name: string) {
  p.punct("(", `after '${name}'`);
  p.skipNewlines();
  const e = parseExpr(p);
  p.skipNewlines();
  p.punct(")", `to close '${name} ('`);
  return e;
}

const DATA_ENTRY = new Set(["db.add", "db.edit", "db.add_or_edit"]);

function parseTarget(p: Cursor, spec: StatementSpec, name: string): string | undefined {
  const tok = p.peek();
  switch (spec.target) {
    case "none":
      return undefined;
    case "name":
    case "name?":
      if (tok.t === T.Ident || tok.t === T.String) return p.next().v;
      if (spec.body === "loose" && tok.t === T.Var) return varPath(p);
      if (spec.target === "name?") return undefined;
      return p.fail(tok, `Expected a name after '${name}' but found ${describe(tok)}`);
    case "var":
      if (tok.t === T.Var) return p.next().v;
      return p.fail(
        tok,
        `Expected a variable such as '$x' after '${name}' but found ${describe(tok)}`,
        "XS_SYNTAX",
        tok.t === T.Ident ? `Write '$${tok.v}'` : undefined,
      );
    case "varpath":
    case "varpath?":
      if (tok.t === T.Var) return varPath(p);
      if (spec.target === "varpath?") return undefined;
      return p.fail(tok, `Expected a variable after '${name}' but found ${describe(tok)}`);
  }
}

function varPath(p: Cursor, filtersAllowed = false): string {
  const start = p.peek().start;
  const unit = parseUnit(p);
  if (unit.filters.length > 0 && !filtersAllowed) {
    p.fail(p.peek(), "A statement target cannot have filters");
  }
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
      p.fail(asTok, `'${name}' does not return a value; remove 'as …'`, "XS_SYNTAX");
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
    return parseAttributeBody(p, spec.body, spec.query);
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
  const items = parseAttributeBody(p, spec.body, spec.query, onName);
  const close = p.toks[p.i - 1];
  const data = items.find((i) => i.kind === "attribute" && i.name === "data");
  if (
    data?.kind === "attribute" && DATA_ENTRY.has(name) &&
    data.value.kind === "unit" && data.value.atom.kind === "object" &&
    data.value.atom.entries.length === 0
  ) {
    p.error(
      close,
      "data requires at least one entry",
      "XS_EMPTY_DATA",
      "List the fields to write, e.g. data = {name: $input.name}",
    );
  }
  for (const req of required) {
    if (!seen.has(req)) {
      p.error(close, `'${name}' is missing the argument '${req}'`, "XS_MISSING_ARGUMENT");
    }
  }
  return items;
}

/** Parses `name = value` (or `!name = value`). */
export function parseAttribute(
  p: Cursor,
  query: boolean,
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
  return node({ kind: "attribute", name, disabled, value: parseExpr(p, { query }) });
}

/** Parses a `{ … }` body of attributes in the given style. */
export function parseAttributeBody(
  p: Cursor,
  style: BodyStyle,
  queryArgs: readonly string[] = [],
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
    } else items.push(parseAttribute(p, queryArgs.includes(name), onName));
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
    if (tok.t === T.Comment) {
      items.push(node({ kind: "comment", text: p.next().v }));
      continue;
    }
    if ((tok.t === T.Ident || tok.t === T.String) && p.isPunct("=", 1)) {
      items.push(parseAttribute(p, false));
    } else if (tok.t === T.Ident && (p.atNewline(1) || p.isPunct("}", 1))) {
      items.push(node({ kind: "block", keyword: p.next().v }));
    } else if (tok.t === T.Ident && (p.isPunct("{", 1) || p.peek(1).t === T.String)) {
      const keyword = p.next().v;
      const label = p.peek().t === T.String ? p.next().v : undefined;
      items.push(node({ kind: "block", keyword, label, body: parseLooseBody(p) }));
    } else items.push(parseStatement(p));
    if (p.isPunct(",")) p.next();
  }
}

/** Loops over `{ NL item NL item … }` in a compound statement's braces. */
function compoundBody(p: Cursor, what: string, item: (tok: Token) => XsItem): XsItem[] {
  p.punct("{", `after '${what}'`);
  const items: XsItem[] = [];
  for (;;) {
    p.newlines(items.length === 0 ? "after '{'" : `after a '${what}' item`);
    const tok = p.peek();
    if (tok.t === T.Punct && tok.v === "}") {
      p.next();
      return items;
    }
    if (
      tok.t === T.Ident && (tok.v === "description" || tok.v === "disabled") && p.isPunct("=", 1)
    ) {
      items.push(parseAttribute(p, false));
      continue;
    }
    items.push(item(tok));
  }
}

function block(
  p: Cursor,
  keyword: string,
  extra: Partial<XsBlock> = {},
  bodyOptional = false,
): XsBlock {
  const body = bodyOptional && !p.isPunct("{") ? undefined : parseStackBody(p);
  return node({ kind: "block", keyword, ...extra, body });
}

function parseConditional(p: Cursor): XsItem[] {
  let sawIf = false;
  let sawElse = false;
  const items = compoundBody(p, "conditional", (tok) => {
    if (tok.t === T.Ident && (tok.v === "if" || tok.v === "elseif") && !sawElse) {
      if (tok.v === "elseif" && !sawIf) p.fail(tok, "'elseif' must follow an 'if' block");
      p.next();
      sawIf = true;
      const paren = parseParenExpr(p, tok.v);
      return block(p, tok.v, { paren }, tok.v === "elseif");
    }
    if (tok.t === T.Ident && tok.v === "else" && sawIf && !sawElse) {
      p.next();
      sawElse = true;
      if (p.isWord("if")) {
        p.fail(
          p.peek(),
          "Expected '{' after 'else' but found 'if'",
          "XS_ELSE_IF",
          "Write 'elseif'",
        );
      }
      return block(p, "else");
    }
    return p.fail(
      tok,
      `Expected 'if', 'elseif' or 'else' in a conditional but found ${describe(tok)}`,
    );
  });
  if (!sawIf) p.fail(p.toks[p.i - 1], "A conditional needs an 'if' block");
  return items;
}

function parseSwitch(p: Cursor): XsItem[] {
  let sawDefault = false;
  return compoundBody(p, "switch", (tok) => {
    if (tok.t === T.Ident && tok.v === "case" && !sawDefault) {
      p.next();
      const paren = parseParenExpr(p, "case");
      const body = p.isPunct("{") ? parseStackBody(p) : undefined;
      let trailingBreak = false;
      if (p.isWord("break")) {
        p.next();
        trailingBreak = true;
      }
      return node({ kind: "block", keyword: "case", paren, body, trailingBreak });
    }
    if (tok.t === T.Ident && tok.v === "default" && !sawDefault) {
      p.next();
      sawDefault = true;
      return block(p, "default");
    }
    return p.fail(tok, `Expected 'case' or 'default' in a switch but found ${describe(tok)}`);
  });
}

function parseLoop(p: Cursor, withAs: boolean): XsItem[] {
  let sawEach = false;
  const items = compoundBody(p, "loop", (tok) => {
    if (!(tok.t === T.Ident && tok.v === "each") || sawEach) {
      return p.fail(tok, `Expected 'each${withAs ? " as $item" : ""}' but found ${describe(tok)}`);
    }
    p.next();
    sawEach = true;
    let as: string | undefined;
    if (withAs) {
      p.word("as", "after 'each'");
      const v = p.peek();
      if (v.t !== T.Var) p.fail(v, `Expected a variable after 'each as' but found ${describe(v)}`);
      as = p.next().v;
    }
    return block(p, "each", as === undefined ? {} : { as }, withAs);
  });
  if (!sawEach) p.fail(p.toks[p.i - 1], "A loop needs an 'each' block");
  return items;
}

function parseTryCatch(p: Cursor): XsItem[] {
  const seen = new Set<string>();
  const items = compoundBody(p, "try_catch", (tok) => {
    if (tok.t === T.Ident && ["try", "catch", "finally"].includes(tok.v)) {
      p.next();
      seen.add(tok.v);
      if (tok.v !== "catch") return block(p, tok.v, {}, true);
      p.inCatch++;
      try {
        return block(p, tok.v, {}, true);
      } finally {
        p.inCatch--;
      }
    }
    return p.fail(tok, `Expected 'try', 'catch' or 'finally' but found ${describe(tok)}`);
  });
  const close = p.toks[p.i - 1];
  if (!seen.has("try")) p.fail(close, "A try_catch needs a 'try' block");
  if (!seen.has("catch")) {
    p.fail(
      close,
      "A try_catch needs a 'catch' block",
      "XS_MISSING_CATCH",
      "Add 'catch {' … '}' after the try block",
    );
  }
  return items;
}

function parseGroup(p: Cursor): XsItem[] {
  let sawStack = false;
  return compoundBody(p, "group", (tok) => {
    if (tok.t === T.Ident && tok.v === "stack" && !sawStack) {
      p.next();
      sawStack = true;
      return block(p, "stack");
    }
    return p.fail(tok, `Expected 'stack {' but found ${describe(tok)}`);
  });
}
