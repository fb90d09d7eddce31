/**
 * Control-flow statements with nested keyword blocks: `conditional`,
 * `switch`, `foreach`/`for`/`while`, `try_catch`, `group` and
 * `db.transaction`.
 *
 * @module
 */

import type { XsBlock, XsItem } from "./ast.ts";
import { T, type Token } from "./lexer.ts";
import { assignable, parseAttribute, parseParenExpr, parseStackBody } from "./parse_stack.ts";
import { type Cursor, describe, node } from "./parser_core.ts";

/** Statements with nested keyword blocks, by name. */
export const COMPOUND: Readonly<Record<string, (p: Cursor) => XsItem[]>> = {
  conditional: parseConditional,
  switch: parseSwitch,
  foreach: (p) => parseLoop(p, true),
  for: (p) => parseLoop(p, true),
  while: (p) => parseLoop(p, false),
  try_catch: parseTryCatch,
  group: parseGroup,
  "db.transaction": parseGroup,
};

/** Compound statements that take `( expr )` first. */
export const PAREN_COMPOUND = new Set(["switch", "foreach", "for", "while"]);

/** Loops over `{ NL item NL item … }` in a compound statement's braces. */
function compoundBody(
  p: Cursor,
  what: string,
  item: (tok: Token) => XsItem,
  comments = false,
): XsItem[] {
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
    if (comments && tok.t === T.Comment) {
      items.push(node({ kind: "comment", text: p.next().v }));
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
  let chainOpen = false;
  const items = compoundBody(p, "conditional", (tok) => {
    let j = p.i - 1;
    while (j > 0 && p.toks[j].t === T.Newline) j--;
    const open = chainOpen && p.toks[j].t === T.Punct &&
      (p.toks[j].v === "}" || p.toks[j].v === ")");
    chainOpen = false;
    if (tok.t === T.Ident && tok.v === "if" && !sawIf) {
      p.next();
      sawIf = true;
      chainOpen = true;
      return block(p, "if", { paren: parseParenExpr(p, "if") });
    }
    if (tok.t === T.Ident && tok.v === "elseif" && open) {
      p.next();
      chainOpen = true;
      return block(p, "elseif", { paren: parseParenExpr(p, "elseif") }, true);
    }
    if (tok.t === T.Ident && tok.v === "else" && open) {
      p.next();
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
    if (tok.t === T.Ident && (tok.v === "elseif" || tok.v === "else")) {
      p.fail(
        tok,
        `'${tok.v}' must directly follow the '}' of an 'if' or 'elseif' block`,
        "XS_ELSE_POSITION",
        "Move comments above the 'if'",
      );
    }
    return p.fail(
      tok,
      `Expected 'if', 'elseif' or 'else' in a conditional but found ${describe(tok)}`,
    );
  }, true);
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
      assignable(p, v);
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
