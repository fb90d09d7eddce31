/**
 * XanoScript lexer: turns source text into a flat token array.
 *
 * Hand-written over char codes for throughput. Newlines are tokens (the
 * grammar is line-sensitive); spaces and tabs are skipped. `//` comments are
 * tokens only when they start their line, as in the official parser; anywhere
 * else they lex as an error token so the parser reports them.
 *
 * @module
 */

/** Token kinds. */
export const T = {
  Newline: 0,
  Comment: 1,
  Ident: 2,
  Var: 3,
  String: 4,
  MultiString: 5,
  Backtick: 6,
  MultiExpr: 7,
  Int: 8,
  Float: 9,
  Timestamp: 10,
  Punct: 11,
  Error: 12,
  Eof: 13,
} as const;
/** A token kind (one of the values of {@link T}). */
export type T = typeof T[keyof typeof T];

/** One token; `line` and `col` are 1-based, `start`/`end` are offsets. */
export interface Token {
  readonly t: T;
  readonly v: string;
  readonly line: number;
  readonly col: number;
  readonly start: number;
  readonly end: number;
  /** True when whitespace or a line start precedes the token. */
  readonly spaced: boolean;
}

const PUNCT1 = "{}()[],:=?|.!+-*/%~<>@";

/** Length of the punctuation token at `i` (0 when the character is not punctuation). */
function punctWidth(src: string, i: number, c: number): number {
  const d = src.charCodeAt(i + 1);
  switch (c) {
    case 61: // =
    case 33: // !
      if (d === 61) return src.charCodeAt(i + 2) === 61 ? 3 : 2;
      if (c === 33 && d === 126) return 2; // !~
      return 1;
    case 60: // <
    case 62: // >
      return d === 61 ? 2 : 1;
    case 38: // &
      return d === 38 ? 2 : 0;
    case 124: // |
      return d === 124 ? 2 : 1;
    case 63: // ?
      return d === 63 ? 2 : 1;
    case 64: // @
      return d === 62 ? 2 : 1;
    default:
      return PUNCT1.indexOf(src[i]) >= 0 ? 1 : 0;
  }
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isWord(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const TIMESTAMP = /\d{4}-\d\d-\d\d [0-2]\d:[0-5]\d:[0-5]\d[+-]\d{4}/y;

/** Tokenizes `src`; never throws (bad characters become `T.Error` tokens). */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const n = src.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let spaced = true;
  let onlyBlankBefore = true;
  const push = (t: T, start: number, end: number): void => {
    out.push({ t, v: src.slice(start, end), line, col: start - lineStart + 1, start, end, spaced });
    spaced = false;
    onlyBlankBefore = false;
  };
  /** Pushes a string or backtick token that may span lines; returns the index after it. */
  function pushMultiline(t: T, start: number, end: number): number {
    push(t, start, end);
    for (let k = start; k < end; k++) {
      if (src.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    return end;
  }
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
      spaced = true;
      continue;
    }
    if (c === 10) {
      push(T.Newline, i, i + 1);
      i++;
      line++;
      lineStart = i;
      spaced = true;
      onlyBlankBefore = true;
      continue;
    }
    const start = i;
    if (c === 47 && src.charCodeAt(i + 1) === 47) {
      let j = i;
      while (j < n && src.charCodeAt(j) !== 10) j++;
      if (j > i && src.charCodeAt(j - 1) === 13) j--;
      push(onlyBlankBefore ? T.Comment : T.Error, start, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 45 && isDigit(src.charCodeAt(i + 1)))) {
      if (c !== 45 && src.charCodeAt(i + 4) === 45) {
        TIMESTAMP.lastIndex = i;
        if (TIMESTAMP.test(src)) {
          push(T.Timestamp, start, TIMESTAMP.lastIndex);
          i = TIMESTAMP.lastIndex;
          continue;
        }
      }
      let j = i + 1;
      while (j < n && isDigit(src.charCodeAt(j))) j++;
      let kind: T = T.Int;
      if (src.charCodeAt(j) === 46 && isDigit(src.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isDigit(src.charCodeAt(j))) j++;
        kind = T.Float;
      }
      if (j < n && isIdentStart(src.charCodeAt(j)) && c !== 45 && kind === T.Int) {
        while (j < n && isWord(src.charCodeAt(j))) j++;
        kind = T.Ident;
      }
      push(kind, start, j);
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isWord(src.charCodeAt(j))) j++;
      push(T.Ident, start, j);
      i = j;
      continue;
    }
    if (c === 36) {
      let j = i + 1;
      if (src.charCodeAt(j) === 36) j++;
      else if (isIdentStart(src.charCodeAt(j))) {
        while (j < n && isWord(src.charCodeAt(j))) j++;
      }
      push(j === i + 1 ? T.Error : T.Var, start, j);
      i = j;
      continue;
    }
    if (c === 34 || c === 39) {
      const triple = src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === c;
      if (triple) {
        const q = String.fromCharCode(c).repeat(3);
        const close = src.indexOf(q, i + 3);
        const end = close < 0 ? n : close + 3;
        const startLine = line;
        const startCol = i - lineStart + 1;
        const text = src.slice(start, end);
        const okOpen = /^.{3}[ \t]*\r?\n/.test(text);
        out.push({
          t: close < 0 || !okOpen ? T.Error : T.MultiString,
          v: text,
          line: startLine,
          col: startCol,
          start,
          end,
          spaced,
        });
        spaced = false;
        onlyBlankBefore = false;
        for (let k = start; k < end; k++) {
          if (src.charCodeAt(k) === 10) {
            line++;
            lineStart = k + 1;
          }
        }
        i = end;
        continue;
      }
      let j = i + 1;
      while (j < n) {
        const d = src.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === c) break;
        else if (d === 10 && c === 39) break;
        else j++;
      }
      const closed = j < n && src.charCodeAt(j) === c;
      const end = closed ? j + 1 : j;
      i = pushMultiline(closed ? T.String : T.Error, start, end);
      continue;
    }
    if (c === 96) {
      const multi = src.startsWith("```", i);
      const close = multi ? src.indexOf("```", i + 3) : src.indexOf("`", i + 1);
      const badMulti = multi &&
        (!/^```[ \t]*\r?\n/.test(src.slice(i, i + 8)) || !/\n[ \t]*$/.test(src.slice(i, close)));
      const end = close < 0 ? n : close + (multi ? 3 : 1);
      i = pushMultiline(
        close < 0 || badMulti ? T.Error : multi ? T.MultiExpr : T.Backtick,
        start,
        end,
      );
      continue;
    }
    const width = punctWidth(src, i, c);
    push(width > 0 ? T.Punct : T.Error, start, i + Math.max(1, width));
    i += Math.max(1, width);
  }
  out.push({ t: T.Eof, v: "", line, col: i - lineStart + 1, start: n, end: n, spaced });
  return out;
}
