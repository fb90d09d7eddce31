/**
 * The token cursor shared by the parser modules: lookahead, expectations and
 * diagnostics. A syntax error stops the parse (like the official parser, we
 * report the first one); checks on names and clauses are collected and the
 * parse goes on.
 *
 * @module
 */

import type { Diagnostic } from "./diagnostics.ts";
import { T, type Token, tokenize } from "./lexer.ts";

/** Thrown to unwind the parser at the first syntax error. */
export class SyntaxStop extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** Describes a token for messages: `'{'`, `'else'`, `a new line`, `the end of the file`. */
export function describe(tok: Token): string {
  if (tok.t === T.Newline) return "a new line";
  if (tok.t === T.Eof) return "the end of the file";
  if (tok.t === T.Comment) return "a comment";
  const v = tok.v.length > 40 ? tok.v.slice(0, 37) + "..." : tok.v;
  return `'${v}'`;
}

/** Freezes a freshly built node and its arrays (child nodes are frozen when built). */
export function node<const N extends object>(value: N): N {
  for (const key in value) {
    const v = value[key];
    if (Array.isArray(v)) Object.freeze(v);
  }
  return Object.freeze(value);
}

/** Parser state over one document's tokens. */
export class Cursor {
  readonly toks: Token[];
  i = 0;
  readonly diags: Diagnostic[] = [];
  /** Depth of `catch` blocks around the current token (`$error` is valid only there). */
  inCatch = 0;

  constructor(readonly src: string, readonly lineOffset = 0) {
    this.toks = tokenize(src);
  }

  /** The token `k` ahead of the current one. */
  peek(k = 0): Token {
    const j = this.i + k;
    return j < this.toks.length ? this.toks[j] : this.toks[this.toks.length - 1];
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const tok = this.toks[this.i];
    if (tok.t !== T.Eof) this.i++;
    return tok;
  }

  /** True when the current token is punctuation `v`. */
  isPunct(v: string, k = 0): boolean {
    const tok = this.peek(k);
    return tok.t === T.Punct && tok.v === v;
  }

  /** True when the current token is the identifier `v`. */
  isWord(v: string, k = 0): boolean {
    const tok = this.peek(k);
    return tok.t === T.Ident && tok.v === v;
  }

  /** True at a newline token. */
  atNewline(k = 0): boolean {
    return this.peek(k).t === T.Newline;
  }

  /** Consumes punctuation `v` or stops with a syntax error. */
  punct(v: string, context?: string): Token {
    const tok = this.peek();
    if (tok.t === T.Punct && tok.v === v) return this.next();
    return this.fail(
      tok,
      `Expected '${v}'${context ? " " + context : ""} but found ${describe(tok)}`,
    );
  }

  /** Consumes the identifier `v` or stops with a syntax error. */
  word(v: string, context?: string): Token {
    const tok = this.peek();
    if (tok.t === T.Ident && tok.v === v) return this.next();
    return this.fail(
      tok,
      `Expected '${v}'${context ? " " + context : ""} but found ${describe(tok)}`,
    );
  }

  /** Consumes any identifier or stops. */
  ident(what: string): Token {
    const tok = this.peek();
    if (tok.t === T.Ident) return this.next();
    return this.fail(tok, `Expected ${what} but found ${describe(tok)}`);
  }

  /** Skips newline tokens; returns how many. */
  skipNewlines(): number {
    let n = 0;
    while (this.toks[this.i].t === T.Newline) {
      this.i++;
      n++;
    }
    return n;
  }

  /** Requires at least one newline (then skips them all). */
  newlines(context: string): void {
    if (this.skipNewlines() === 0) {
      const tok = this.peek();
      this.fail(tok, `Expected a new line ${context} but found ${describe(tok)}`, "XS_NEWLINE");
    }
  }

  /** Records a non-fatal diagnostic at `tok`. */
  error(tok: Token, message: string, code: string, fix?: string): void {
    this.diags.push(this.diagnostic(tok, message, code, fix));
  }

  /** Records a warning at `tok`. */
  warn(tok: Token, message: string, code: string): void {
    this.diags.push({ ...this.diagnostic(tok, message, code), severity: "warning" });
  }

  /** Stops the parse with a syntax error at `tok`. */
  fail(tok: Token, message: string, code = "XS_SYNTAX", fix?: string): never {
    throw new SyntaxStop(this.diagnostic(tok, message, code, fix));
  }

  /** Builds a diagnostic positioned at `tok` (in the original text's lines). */
  diagnostic(tok: Token, message: string, code: string, fix?: string): Diagnostic {
    const t = tok;
    if (t.t === T.Error) {
      message = this.lexMessage(t);
      code = t.v.startsWith("//") || t.v.startsWith("#") ? "XS_COMMENT" : "XS_LEX";
    }
    const d: Diagnostic = {
      code,
      message,
      severity: "error",
      line: t.line + this.lineOffset,
      column: t.col,
      endLine: t.line + this.lineOffset,
      endColumn: t.col + Math.max(1, Math.min(t.v.length, t.v.indexOf("\n") + 1 || t.v.length)),
    };
    return fix === undefined ? d : { ...d, fix };
  }

  private lexMessage(tok: Token): string {
    const v = tok.v;
    if (v.startsWith("//")) return "A comment must be on its own line";
    if (v.startsWith("#")) return "'#' comments are not supported; use '//' on its own line";
    if (v === "$") return "Expected a variable name after '$'";
    if (v.startsWith('"""') || v.startsWith("'''")) {
      return 'A multi-line string must start with \'"""\' at the end of a line and be closed';
    }
    if (v.startsWith('"') || v.startsWith("'")) return "Unterminated string";
    if (v.startsWith("`")) return "Unterminated back-tick expression";
    return `Unexpected character '${v}'`;
  }
}
