/**
 * Structural text repairs: one-line and empty blocks, commas between
 * attributes, the old `foreach … as` form and `if` outside `conditional`.
 *
 * @module
 */

import { closingLine, eachLine, excerpt, type TextRule } from "./fix_rules.ts";
import { T, tokenize } from "./lexer.ts";
import { FIELD_TYPES, TYPE_CORRECTIONS } from "./names.ts";

const OBJECT_CONTEXT = /[=:(\[,|?]\s*$/;

/** `input {}` → `input {` + `}` on the next line (an empty block needs a newline). */
export const emptyBlock: TextRule = (s) =>
  eachLine(s, "expand-empty-block", (line) => {
    const m = /^(\s*)(.*\S)\s*\{\s*\}(\s+as\s+\$[\w.]+)?\s*$/.exec(line);
    if (!m || OBJECT_CONTEXT.test(m[2])) return undefined;
    return `${m[1]}${m[2]} {\n${m[1]}}${m[3] ?? ""}`;
  });

const NEWLINE_HEADS =
  /^(input|stack|schema|try|catch|finally|if|elseif|else|each|default|case|group|conditional|foreach|for|while|switch|try_catch|enum|security\.|test)\b/;

/** Splits one-line `{ … }` blocks into one item per line. */
export const oneLineBlock: TextRule = (s) =>
  eachLine(s, "expand-one-line-block", (line) => {
    const m = /^(\s*)([^{}]*?\S)\s*\{(.*)\}(\s+as\s+\$[\w.]+)?\s*$/.exec(line);
    if (!m || OBJECT_CONTEXT.test(m[2]) || m[3].trim() === "") return undefined;
    const items = splitItems(m[3], /^(input|schema)\b/.test(m[2].trim()));
    if (items === undefined) return undefined;
    if (items.length < 2 && !NEWLINE_HEADS.test(m[2].trim())) return undefined;
    const inner = m[1] + "  ";
    return [`${m[1]}${m[2]} {`, ...items.map((x) => inner + x), `${m[1]}}${m[4] ?? ""}`].join("\n");
  });

/** Splits block content into items at depth-0 commas and item starts; undefined if unbalanced. */
function splitItems(content: string, fields: boolean): string[] | undefined {
  const toks = tokenize(content);
  const cuts: [number, number][] = [];
  let depth = 0;
  for (let j = 0; j < toks.length; j++) {
    const t = toks[j];
    if (t.t === T.Error || t.t === T.Newline) return undefined;
    if (t.t === T.Punct && "{[(".includes(t.v)) depth++;
    if (t.t === T.Punct && "}])".includes(t.v)) depth--;
    if (depth < 0) return undefined;
    if (depth !== 0 || j === 0) continue;
    const prev = toks[j - 1];
    const afterValue = !(prev.t === T.Punct && ["=", ":", "|", ",", "!"].includes(prev.v)) &&
      !(prev.t === T.Ident && prev.v === "filters");
    if (t.t === T.Punct && t.v === ",") cuts.push([t.start, t.end]);
    else if (
      afterValue && t.t === T.Ident &&
      (fields ? FIELD_TYPES.has(t.v) || t.v in TYPE_CORRECTIONS : toks[j + 1]?.v === "=")
    ) {
      if (prev.t !== T.Punct || prev.v !== ",") cuts.push([t.start, t.start]);
    }
  }
  if (depth !== 0) return undefined;
  const items: string[] = [];
  let from = 0;
  for (const [a, b] of cuts) {
    items.push(content.slice(from, a).trim());
    from = b;
  }
  items.push(content.slice(from).trim());
  return items.filter((x) => x !== "");
}

/** Commas between block attributes: `name = "E", value = "m"`. */
export const attributeCommas: TextRule = (s) =>
  eachLine(s, "attribute-commas", (line) => {
    const m = /^(\s*)(\w+\s*=[^=].*)$/.exec(line);
    if (!m || !/,\s*\w+\s*=[^=]/.test(line)) return undefined;
    const items = splitItems(m[2], false);
    if (!items || items.length < 2 || !items.every((x) => /^\w+\s*=[^=]/.test(x))) return undefined;
    return items.map((x) => m[1] + x).join("\n");
  });

/** Re-indents lines `from..to` (inclusive) by `by` spaces. */
function shift(lines: string[], from: number, to: number, by: string): void {
  for (let k = from; k <= to; k++) if (lines[k].trim() !== "") lines[k] = by + lines[k];
}

/** `foreach $items as $item {` → `foreach ($items) {` + `each as $item {`. */
export const foreachOld: TextRule = (s) => {
  for (let k = s.lines.length - 1; k >= 0; k--) {
    const m = /^(\s*)foreach\s+(\$[\w.]+)\s+as\s+\$?(\w+)\s*\{\s*$/.exec(s.lines[k]);
    if (!m) continue;
    const close = closingLine(s.lines, k);
    if (close < 0) continue;
    const before = s.lines[k];
    shift(s.lines, k + 1, close, "  ");
    s.lines.splice(close + 1, 0, `${m[1]}}`);
    s.lines.splice(k, 1, `${m[1]}foreach (${m[2]}) {`, `${m[1]}  each as $${m[3]} {`);
    s.fixes.push({
      rule: "foreach-form",
      before: excerpt(before),
      after: `foreach (${m[2]}) { each as $${m[3]} {`,
      line: k + 1,
    });
  }
};

/** An `if` outside `conditional` (with its `elseif`/`else` chain) gets wrapped in `conditional { … }`. */
export const bareIf: TextRule = (s) => {
  for (let k = 0; k < s.lines.length; k++) {
    const m = /^(\s*)if\s*(\(.*\)|[^({].*?)\s*\{\s*$/.exec(s.lines[k]);
    if (!m) continue;
    const prev = s.lines.slice(0, k).reverse().find((x) => x.trim() !== "" && !/^\s*\/\//.test(x));
    if (prev && /^\s*conditional\s*\{\s*$/.test(prev)) continue;
    let end = closingLine(s.lines, k);
    if (end < 0) continue;
    while (/^\s*(elseif|else)\b.*\{\s*$/.test(s.lines[end + 1] ?? "")) {
      const next = closingLine(s.lines, end + 1);
      if (next < 0) break;
      end = next;
    }
    const cond = m[2].startsWith("(") ? m[2] : `(${m[2]})`;
    const before = s.lines[k];
    s.lines[k] = `${m[1]}if ${cond} {`;
    shift(s.lines, k, end, "  ");
    s.lines.splice(end + 1, 0, `${m[1]}}`);
    s.lines.splice(k, 0, `${m[1]}conditional {`);
    s.fixes.push({
      rule: "if-needs-conditional",
      before: excerpt(before),
      after: `conditional { if ${excerpt(cond)} { … } }`,
      line: k + 1,
    });
    k++;
  }
};
