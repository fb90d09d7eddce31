/**
 * XanoScript auto-fix: repairs the folk syntax AI writes, reporting each
 * repair. A valid script is returned untouched. Otherwise the text rules of
 * fix_rules.ts run once, then repairs driven by the validator's diagnostics
 * run until the script is valid or no rule applies. Nothing is guessed: a
 * mistake without a safe repair stays as a diagnostic.
 *
 * @module
 */

import { type Diagnostic, type Fix, isValid } from "./diagnostics.ts";
import { attributeCommas, bareIf, emptyBlock, foreachOld, oneLineBlock } from "./fix_blocks.ts";
import {
  asDollar,
  commentBeforeElse,
  defaultKeyword,
  elseIf,
  type FixState,
  hashComment,
  inputVariable,
  leadingBlankLines,
  nullableAttribute,
  objectEquals,
  preconditionIf,
  quoteNames,
  replaceLine,
  responseBlock,
  splitElse,
  type TextRule,
  trailingComment,
  typeAlias,
  varDollar,
  verbCase,
} from "./fix_rules.ts";
import { T } from "./lexer.ts";
import { FOLK_FILTER_NAMES } from "./names.ts";
import { parseUnit } from "./parse_expr.ts";
import { parseSource } from "./parser.ts";
import { Cursor } from "./parser_core.ts";

/** Result of {@link fixXanoScript}. */
export interface FixResult {
  readonly source: string;
  readonly fixes: Fix[];
  readonly diagnostics: Diagnostic[];
}

const FILTER_ALIASES: Readonly<Record<string, string>> = {
  ...FOLK_FILTER_NAMES,
  tolower: "to_lower",
  toupper: "to_upper",
  integer: "to_int",
  to_integer: "to_int",
  float: "to_decimal",
  parse_json: "json_decode",
  trimmed: "trim",
  to_lower_case: "to_lower",
  to_upper_case: "to_upper",
  unique_values: "unique",
};

const INPUT_FILTER_ALIASES: Readonly<Record<string, string>> = {
  to_lower: "lower",
  to_upper: "upper",
  lowercase: "lower",
  uppercase: "upper",
  min_length: "min",
  max_length: "max",
};

const ARG_ALIASES: Readonly<Record<string, string>> = {
  body: "params",
  data: "items",
  query: "params",
  headers_list: "headers",
};

/** Offset of 1-based `line`/`column` in `text`. */
function offsetOf(lines: string[], line: number, column: number): number {
  let off = 0;
  for (let k = 0; k < line - 1; k++) off += lines[k].length + 1;
  return off + column - 1;
}

function wordAt(line: string, column: number): string {
  return /^[!]?[A-Za-z_]\w*/.exec(line.slice(column - 1))?.[0] ?? "";
}

/** The text rules, in the order they run. */
const TEXT_RULES: readonly TextRule[] = [
  leadingBlankLines,
  hashComment,
  trailingComment,
  responseBlock,
  elseIf,
  splitElse,
  commentBeforeElse,
  emptyBlock,
  attributeCommas,
  oneLineBlock,
  typeAlias,
  nullableAttribute,
  defaultKeyword,
  varDollar,
  asDollar,
  preconditionIf,
  quoteNames,
  verbCase,
  foreachOld,
  bareIf,
  objectEquals,
  inputVariable,
];

/** One repair driven by a diagnostic; returns false when no rule applies. */
function fixDiagnostic(state: FixState, d: Diagnostic): boolean {
  const k = d.line - 1;
  const line = state.lines[k];
  if (line === undefined) return false;
  const word = wordAt(line, d.column);
  const at = d.column - 1;
  const replaceWord = (rule: string, to: string): boolean => {
    replaceLine(state, rule, k, line.slice(0, at) + to + line.slice(at + word.length));
    return true;
  };
  switch (d.code) {
    case "XS_UNKNOWN_FILTER": {
      const input = d.message.startsWith("Filter '");
      const to = input ? INPUT_FILTER_ALIASES[word] : FILTER_ALIASES[word.toLowerCase()];
      if (!to || (input && !(d.fix ?? "").includes(to))) return false;
      return replaceWord(input ? "input-filter-alias" : "filter-alias", to);
    }
    case "XS_INVALID_ARGUMENT": {
      const where = /^(\s*)where\s*=\s*\$db\.\w+\.(\w+)\s*==\s*(.+?)\s*$/.exec(line);
      if (word === "where" && where && (d.fix ?? "").includes("field_name")) {
        const [, ind, column, value] = where;
        replaceLine(
          state,
          "where-to-field",
          k,
          `${ind}field_name = "${column}"\n${ind}field_value = ${value}`,
        );
        return true;
      }
      const to = ARG_ALIASES[word];
      if (!to || !(d.fix ?? "").split(/[:,]\s*/).includes(to)) return false;
      return replaceWord("argument-alias", to);
    }
    case "XS_FILTER_PRECEDENCE":
      return wrapFiltered(state, d);
    case "XS_MISSING_CLAUSE": {
      const clause = /missing an? (input|stack) clause/.exec(d.message)?.[1];
      if (!clause) return false;
      const indent = /^\s*/.exec(state.lines[k + 1] ?? "")![0] || "  ";
      state.lines.splice(k + 1, 0, `${indent}${clause} {`, `${indent}}`);
      state.fixes.push({
        rule: "add-missing-clause",
        before: "",
        after: `${clause} {\n}`,
        line: d.line + 1,
      });
      return true;
    }
    case "XS_UNEXPECTED_AS": {
      const m = /\s*\bas\s+\$[\w.]+/.exec(line.slice(at - 1));
      if (!m) return false;
      replaceLine(state, "remove-as", k, line.slice(0, at - 1) + line.slice(at - 1 + m[0].length));
      return true;
    }
    case "XS_COMMENT":
    case "XS_ELSE_POSITION":
      return moveCommentUp(state, k);
    case "XS_MULTIPLE_OBJECTS":
      if (d.column !== 1) return false;
      state.lines.splice(k, 0, "---");
      state.fixes.push({
        rule: "split-objects",
        before: excerpt(line),
        after: "---",
        line: d.line,
      });
      return true;
  }
  return false;
}

function excerpt(text: string): string {
  return text.trim().slice(0, 80);
}

/**
 * Moves the comment at line `k` (or the comments just above the `else` at
 * line `k`) above the line that opened the enclosing block, where comments
 * are allowed.
 */
function moveCommentUp(state: FixState, k: number): boolean {
  const lines = state.lines;
  let first = k;
  let last = k;
  if (!/^\s*\/\//.test(lines[k])) {
    last = k - 1;
    first = last;
    while (first > 0 && /^\s*\/\//.test(lines[first - 1])) first--;
    if (last < 0 || !/^\s*\/\//.test(lines[last])) return false;
  }
  const indent = /^\s*/.exec(lines[first])![0].length;
  let opener = first - 1;
  while (opener >= 0) {
    const ind = /^\s*/.exec(lines[opener])![0].length;
    if (ind < indent && /\{\s*$/.test(lines[opener]) && lines[opener].trim() !== "") break;
    opener--;
  }
  if (opener < 0) return false;
  const block = lines.splice(first, last - first + 1);
  const pad = /^\s*/.exec(lines[opener])![0];
  lines.splice(opener, 0, ...block.map((c) => pad + c.trim()));
  state.fixes.push({
    rule: "move-comment",
    before: excerpt(block.join(" ")),
    after: `moved above line ${opener + 1}`,
    line: first + 1,
  });
  return true;
}

/** Wraps the filtered operand at the diagnostic in parentheses. */
function wrapFiltered(state: FixState, d: Diagnostic): boolean {
  const text = state.lines.join("\n");
  const start = offsetOf(state.lines, d.line, d.column);
  const p = new Cursor(text);
  const index = p.toks.findIndex((t) => t.start === start);
  if (index < 0 || p.toks[index].t === T.Newline) return false;
  p.i = index;
  try {
    parseUnit(p);
  } catch {
    return false;
  }
  const end = p.toks[p.i - 1].end;
  const operand = text.slice(start, end);
  if (operand.includes("\n")) return false;
  const k = d.line - 1;
  const line = state.lines[k];
  const col = d.column - 1;
  replaceLine(
    state,
    "parenthesize-filter",
    k,
    `${line.slice(0, col)}(${operand})${line.slice(col + operand.length)}`,
  );
  return true;
}

function validate(text: string): Diagnostic[] {
  return parseSource(text).diagnostics;
}

/**
 * Repairs folk XanoScript. Returns the (possibly) fixed source, the repairs
 * made, and the diagnostics of the result (empty of errors when every
 * problem had a repair).
 */
export function fixXanoScript(source: string): FixResult {
  const initial = validate(source);
  if (isValid(initial)) return { source, fixes: [], diagnostics: initial };
  const newline = source.includes("\r\n") ? "\r\n" : "\n";
  const state: FixState = { lines: source.split(/\r?\n/), fixes: [] };
  for (const rule of TEXT_RULES) rule(state);
  let diagnostics = validate(state.lines.join("\n"));
  const tried = new Set<string>();
  for (let round = 0; round < 200 && !isValid(diagnostics); round++) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const next = errors.find((d) => !tried.has(`${d.line}:${d.column}:${d.code}`));
    if (!next) break;
    tried.add(`${next.line}:${next.column}:${next.code}`);
    if (!fixDiagnostic(state, next)) continue;
    tried.clear();
    diagnostics = validate(state.lines.join("\n"));
  }
  return { source: state.lines.join(newline), fixes: state.fixes, diagnostics };
}
