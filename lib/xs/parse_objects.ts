/**
 * Top-level objects: the header (`query "x" verb=GET {`) and the clauses each
 * object kind accepts. `query`, `function`, `table`, `task` and `api_group`
 * are checked clause by clause; the other kinds are parsed at block level.
 *
 * @module
 */

import type { XsComment, XsItem, XsObject } from "./ast.ts";
import { T, type Token } from "./lexer.ts";
import { OBJECT_KINDS, VERBS } from "./names.ts";
import { parseExpr } from "./parse_expr.ts";
import { type ArgType, parseTyped } from "./parse_schema.ts";
import { parseFieldBlock } from "./parse_fields.ts";
import { parseLooseBody, parseStackBody, RESERVED } from "./parse_stack.ts";
import { type Cursor, describe, node } from "./parser_core.ts";

type ClauseShape = "string" | "bool" | "expr" | "input" | "schema" | "stack" | "test";

const BASE: Record<string, ClauseShape> = {
  description: "string",
  docs: "string",
  history: "expr",
  tags: "expr",
};
const CALLABLE: Record<string, ClauseShape> = {
  ...BASE,
  cache: "expr",
  input: "input",
  middleware: "expr",
  response: "expr",
  stack: "stack",
  test: "test",
};

/** Clause shapes per fully checked object kind. */
const CLAUSES: Readonly<Record<string, Readonly<Record<string, ClauseShape>>>> = {
  query: { ...CALLABLE, auth: "string", response_type: "string", api_group: "string" },
  function: CALLABLE,
  task: {
    ...BASE,
    active: "bool",
    datasource: "string",
    middleware: "expr",
    schedule: "expr",
    stack: "stack",
    test: "test",
  },
  api_group: { ...BASE, active: "bool", canonical: "string", cors: "expr", swagger: "expr" },
  table: {
    description: "string",
    tags: "expr",
    auth: "bool",
    view: "expr",
    items: "expr",
    autocomplete: "expr",
    schema: "schema",
    index: "expr",
  },
};

const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  query: ["input", "stack", "response"],
  function: ["input", "stack", "response"],
};

/** Parses a whole document (one object); undefined when it is empty. */
export function parseObjectDocument(p: Cursor): XsObject | undefined {
  const leading: XsComment[] = [];
  if (p.toks.every((t) => t.t === T.Newline || t.t === T.Eof)) {
    p.error(
      p.peek(),
      "The document is empty; expected an object such as 'query', 'function' or 'table'",
      "XS_EMPTY",
    );
    return undefined;
  }
  while (p.peek().t === T.Comment) {
    leading.push(node({ kind: "comment", text: p.next().v }));
    if (p.skipNewlines() > 1) {
      p.fail(
        p.toks[p.i - 1],
        "A comment before the object must be directly followed by it (no blank line)",
        "XS_LEADING_BLANK",
        "Remove the blank line",
      );
    }
  }
  const head = p.peek();
  if (head.t === T.Newline) {
    p.fail(
      head,
      "The document must start with the object or a comment, not a blank line",
      "XS_LEADING_BLANK",
      "Remove the leading blank lines",
    );
  }
  if (head.t === T.Eof) {
    p.error(
      head,
      "The document is empty; expected an object such as 'query', 'function' or 'table'",
      "XS_EMPTY",
    );
    return undefined;
  }
  if (head.t !== T.Ident) {
    p.fail(
      head,
      `Expected an object such as 'query', 'function' or 'table' but found ${describe(head)}`,
    );
  }
  const type = OBJECT_KINDS.has(head.v) ? head.v : "function";
  if (type !== head.v) {
    p.fail(
      head,
      `Unknown object kind '${head.v}'`,
      "XS_UNKNOWN_OBJECT",
      "Start the file with query, function, table, task or api_group",
    );
  }
  p.next();
  const nameTok = p.peek();
  let name = "";
  if (nameTok.t === T.String || (nameTok.t === T.Ident && !RESERVED.has(nameTok.v))) {
    name = p.next().v;
  } else if (type !== "workspace" && type !== "branch") {
    p.fail(nameTok, `Expected a name after '${type}' but found ${describe(nameTok)}`);
  }
  let verb: string | undefined;
  if (type === "query") verb = parseVerb(p);
  const body = type in CLAUSES ? parseClauses(p, type, head) : parseGenericBody(p);
  p.skipNewlines();
  const rest = p.peek();
  if (rest.t !== T.Eof) {
    p.fail(
      rest,
      rest.t === T.Ident && OBJECT_KINDS.has(rest.v)
        ? `Only one object per file; found another '${rest.v}'`
        : `Expected the end of the file after the object but found ${describe(rest)}`,
      "XS_MULTIPLE_OBJECTS",
      "Split the objects into separate documents with a '---' line",
    );
  }
  return node({ kind: "object", type, name, verb, leading, body });
}

function parseVerb(p: Cursor): string {
  p.word("verb", "after the query name");
  p.punct("=", "after 'verb'");
  const tok = p.peek();
  if (tok.t !== T.Ident || !VERBS.has(tok.v)) {
    const upper = tok.v.toUpperCase();
    p.fail(
      tok,
      `Expected one of GET, POST, PUT, PATCH, DELETE but found ${describe(tok)}`,
      "XS_INVALID_VERB",
      VERBS.has(upper) ? `Write 'verb=${upper}'` : undefined,
    );
  }
  return p.next().v;
}

function parseClauses(p: Cursor, type: string, head: Token): XsItem[] {
  const shapes = CLAUSES[type];
  p.punct("{", `to open the ${type}`);
  const items: XsItem[] = [];
  const seen = new Set<string>();
  for (;;) {
    if (items.length > 0 && p.isPunct("}")) {
      p.next();
      break;
    }
    p.newlines(items.length === 0 ? "after '{'" : "after a clause");
    const tok = p.peek();
    if (tok.t === T.Punct && tok.v === "}") {
      p.next();
      break;
    }
    if (tok.t === T.Comment) {
      items.push(node({ kind: "comment", text: p.next().v }));
      continue;
    }
    const shape = tok.t === T.Ident ? shapes[tok.v] : undefined;
    if (!shape) {
      p.fail(
        tok,
        `Unexpected ${describe(tok)} in a ${type}; expected one of: ${
          Object.keys(shapes).join(", ")
        }`,
        "XS_UNKNOWN_CLAUSE",
        clauseHint(tok),
      );
    }
    if (seen.has(tok.v) && shape !== "test" && type !== "table") {
      p.fail(tok, `Duplicate '${tok.v}' clause in ${type}`, "XS_DUPLICATE");
    }
    seen.add(tok.v);
    items.push(parseClause(p, shape));
  }
  for (const req of REQUIRED[type] ?? []) {
    if (!seen.has(req)) {
      const article = req === "input" ? "an" : "a";
      p.error(
        head,
        `${type} is missing ${article} ${req} clause`,
        "XS_MISSING_CLAUSE",
        `Add '${req}${req === "canonical" ? ' = "…"' : req === "response" ? " = …" : " {"}'`,
      );
    }
  }
  return items;
}

function clauseHint(tok: Token): string | undefined {
  if (tok.t === T.Ident && ["if", "var", "db", "conditional", "foreach"].includes(tok.v)) {
    return "Statements belong inside 'stack { … }'";
  }
  if (tok.t === T.Error && tok.v === "#") return "Use '//' comments on their own line";
  return undefined;
}

function parseClause(p: Cursor, shape: ClauseShape): XsItem {
  const kw = p.next();
  switch (shape) {
    case "input":
      if (!p.isPunct("{")) return node({ kind: "block", keyword: "input" });
      return node({ kind: "block", keyword: "input", body: parseFieldBlock(p, "input") });
    case "schema": {
      if (!p.isPunct("{")) return node({ kind: "block", keyword: "schema" });
      const body = parseFieldBlock(p, "schema");
      const id = body.find((f) => f.kind === "field" && f.name === "id");
      if (!id || id.kind !== "field" || (id.type !== "int" && id.type !== "uuid")) {
        p.error(
          kw,
          "schema must have an 'id' of type uuid or int column defined",
          "XS_MISSING_ID",
          "Add 'int id' as the first column",
        );
      }
      return node({ kind: "block", keyword: "schema", body });
    }
    case "stack":
      if (!p.isPunct("{")) return node({ kind: "block", keyword: "stack" });
      return node({ kind: "block", keyword: kw.v, body: parseStackBody(p) });
    case "test": {
      const label = p.peek();
      if (label.t !== T.String && label.t !== T.Ident) {
        p.fail(label, `Expected a test name string after 'test' but found ${describe(label)}`);
      }
      p.next();
      return node({
        kind: "block",
        keyword: "test",
        label: label.v,
        body: parseStackBody(p, { attributes: true }),
      });
    }
  }
  const eq = p.peek();
  if (!(eq.t === T.Punct && eq.v === "=")) {
    p.fail(
      eq,
      `Expected '=' after '${kw.v}' but found ${describe(eq)}`,
      "XS_SYNTAX",
      kw.v === "response" && eq.v === "{" ? "Write 'response = <expression>'" : undefined,
    );
  }
  p.next();
  const v = p.peek();
  if (shape === "string" && v.t !== T.String && v.t !== T.MultiString) {
    p.fail(
      v,
      `Expected a quoted string after '${kw.v} =' but found ${describe(v)}`,
      "XS_SYNTAX",
      `Write ${kw.v} = "${v.v}"`,
    );
  }
  if (shape === "bool" && !(v.t === T.Ident && (v.v === "true" || v.v === "false"))) {
    p.fail(v, `Expected true or false after '${kw.v} =' but found ${describe(v)}`);
  }
  if (kw.v === "response_type" && v.v !== '"standard"' && v.v !== '"stream"') {
    p.error(v, "response_type must be either 'stream' or 'standard'", "XS_INVALID_VALUE");
  }
  if (kw.v === "history") return parseHistory(p, kw);
  const typed = CLAUSE_TYPES[kw.v];
  const value = typed ? parseTyped(p, typed, kw.v) : parseExpr(p);
  return node({ kind: "attribute", name: kw.v, disabled: false, value });
}

const HISTORY = new Set(["false", '"inherit"', "0", "10", "100", "1000", "10000", '"all"']);

/** `history = false | "inherit" | 0 | 10 | 100 | 1000 | 10000 | "all"`. */
function parseHistory(p: Cursor, kw: Token): XsItem {
  const v = p.peek();
  if (!HISTORY.has(v.v) || v.t === T.Error) {
    p.fail(
      v,
      `Expected one of false, "inherit", 0, 10, 100, 1000, 10000, "all" after 'history =' but found ${
        describe(v)
      }`,
      "XS_INVALID_VALUE",
    );
  }
  p.next();
  const type = v.t === T.String ? "string" : v.t === T.Int ? "number" : "bool";
  const value = node({
    kind: "unit",
    not: 0,
    atom: node({ kind: "literal", type, raw: v.v }),
    path: [],
    filters: [],
  });
  return node({ kind: "attribute", name: kw.v, disabled: false, value });
}

/** Object-level clauses whose values have a fixed shape. */
const CLAUSE_TYPES: Readonly<Record<string, ArgType>> = {
  index: {
    array: {
      object: {
        type: ["primary", "btree", "gin", "btree|unique", "search", "vector"],
        field: { array: { object: { name: "string", "op?": "string" } } },
        "lang?": "string",
        "name?": "string",
      },
    },
  },
  schedule: {
    array: { object: { starts_on: "timestamp", "ends_on?": "timestamp", "freq?": "number" } },
  },
  cache: {
    object: {
      ttl: "number",
      input: "boolean",
      auth: "boolean",
      datasource: "boolean",
      ip: "boolean",
      "headers?": "expr",
      "env?": "expr",
    },
  },
};

/** Block-level parse for object kinds we do not check clause by clause. */
function parseGenericBody(p: Cursor): XsItem[] {
  const items: XsItem[] = [];
  p.punct("{");
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
    if (tok.t !== T.Ident) p.fail(tok, `Expected a clause but found ${describe(tok)}`);
    if (p.isPunct("=", 1)) {
      p.next();
      p.next();
      items.push(node({ kind: "attribute", name: tok.v, disabled: false, value: parseExpr(p) }));
    } else if ((tok.v === "input" || tok.v === "schema") && p.isPunct("{", 1)) {
      p.next();
      items.push(node({ kind: "block", keyword: tok.v, body: parseFieldBlock(p, "input") }));
    } else if (tok.v === "stack" && p.isPunct("{", 1)) {
      p.next();
      items.push(node({ kind: "block", keyword: "stack", body: parseStackBody(p) }));
    } else {
      p.next();
      const label = p.peek().t === T.String ? p.next().v : undefined;
      if (!p.isPunct("{")) {
        items.push(node({ kind: "block", keyword: tok.v, label }));
        continue;
      }
      items.push(node({ kind: "block", keyword: tok.v, label, body: parseLooseBody(p) }));
    }
  }
}
