/**
 * Text-level repairs of the folk XanoScript that AI writes (xanoscript.md
 * §1.8): each rule rewrites whole lines, never the inside of a multi-line
 * string, and reports `{rule, before, after, line}` for every change.
 *
 * @module
 */

import type { Fix } from "./diagnostics.ts";
import { T, tokenize } from "./lexer.ts";
import { TYPE_CORRECTIONS } from "./names.ts";

/** Mutable working copy shared by the rules. */
export interface FixState {
  lines: string[];
  readonly fixes: Fix[];
}

/** A rule rewrites `state.lines` in place and records its fixes. */
export type TextRule = (state: FixState) => void;

/** A short one-line excerpt for fix reports. */
export function excerpt(text: string): string {
  const t = text.trim();
  return t.length > 80 ? t.slice(0, 77) + "..." : t;
}

/** Records a fix replacing line `k` (0-based) with `after` (which may hold newlines). */
export function replaceLine(state: FixState, rule: string, k: number, after: string): void {
  const before = state.lines[k];
  if (before === after) return;
  state.fixes.push({ rule, before: excerpt(before), after: excerpt(after), line: k + 1 });
  state.lines.splice(k, 1, ...after.split("\n"));
}

/** Indices of lines that continue a multi-line string or expression (never rewritten). */
function protectedLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  for (const tok of tokenize(lines.join("\n"))) {
    if (tok.t === T.MultiString || tok.t === T.MultiExpr || tok.t === T.String) {
      const extra = tok.v.split("\n").length - 1;
      for (let k = 1; k <= extra; k++) out.add(tok.line - 1 + k);
    }
  }
  return out;
}

/** Applies `fn` to every unprotected line, last to first; `fn` returns the new text or undefined. */
export function eachLine(
  state: FixState,
  rule: string,
  fn: (line: string, k: number) => string | undefined,
) {
  const guarded = protectedLines(state.lines);
  for (let k = state.lines.length - 1; k >= 0; k--) {
    if (guarded.has(k) || /^\s*\/\//.test(state.lines[k])) continue;
    const out = fn(state.lines[k], k);
    if (out !== undefined) replaceLine(state, rule, k, out);
  }
}

function indentOf(line: string): string {
  return /^\s*/.exec(line)![0];
}

/** Index of the line holding the `}` that closes the `{` ending line `k`. */
export function closingLine(lines: string[], k: number): number {
  let depth = 0;
  const text = lines.slice(k).join("\n");
  for (const tok of tokenize(text)) {
    if (tok.t !== T.Punct) continue;
    if (tok.v === "{") depth++;
    else if (tok.v === "}" && --depth === 0) return k + tok.line - 1;
  }
  return -1;
}

/** `# text` → `// text`. */
export const hashComment: TextRule = (s) =>
  eachLine(s, "hash-comment", (line) => {
    const m = /^(\s*)#+\s?(.*)$/.exec(line);
    return m ? `${m[1]}// ${m[2]}` : undefined;
  });

/** `code // text` → the comment on its own line above the code. */
export const trailingComment: TextRule = (s) => {
  const toks = tokenize(s.lines.join("\n"));
  for (let j = toks.length - 1; j >= 0; j--) {
    const tok = toks[j];
    if (tok.t !== T.Error || !tok.v.startsWith("//")) continue;
    const k = tok.line - 1;
    const line = s.lines[k];
    const code = line.slice(0, tok.col - 1).trimEnd();
    replaceLine(s, "trailing-comment", k, `${indentOf(line)}${tok.v}\n${code}`);
  }
};

/** `response { value = X }` (one line or several) → `response = X`. */
export const responseBlock: TextRule = (s) => {
  for (let k = s.lines.length - 1; k >= 0; k--) {
    const one = /^(\s*)response\s*\{\s*value\s*=\s*(.+?)\s*\}\s*$/.exec(s.lines[k]);
    if (one) {
      replaceLine(s, "response-block", k, `${one[1]}response = ${one[2]}`);
      continue;
    }
    const open = /^(\s*)response\s*\{\s*$/.exec(s.lines[k]);
    let v = k + 1;
    while (v < s.lines.length && s.lines[v].trim() === "") v++;
    const value = /^\s*value\s*=\s*(.+)$/.exec(s.lines[v] ?? "");
    if (!open || !value) continue;
    const end = closingLine(s.lines, k);
    if (end < 0) continue;
    const inner = s.lines.slice(v + 1, end).map((x) => x.replace(/^ {2}/, ""));
    while (inner.length > 0 && inner[inner.length - 1].trim() === "") inner.pop();
    if (inner.some((x) => /^\s*\w+\s*=[^=]/.test(x) && !/^\s/.test(x.slice(open[1].length)))) {
      continue;
    }
    s.fixes.push({
      rule: "response-block",
      before: "response { value = … }",
      after: `response = ${excerpt(value[1])}`,
      line: k + 1,
    });
    s.lines.splice(k, end - k + 1, `${open[1]}response = ${value[1]}`, ...inner);
  }
};

/** `else if (…)` → `elseif (…)`. */
export const elseIf: TextRule = (s) =>
  eachLine(s, "else-if-to-elseif", (line) => {
    if (!/^\s*\}?\s*else\s+if\b/.test(line)) return undefined;
    return line.replace(/else\s+if\b\s*/, "elseif ");
  });

/** `} else {` → `}` and `else {` on separate lines. */
export const splitElse: TextRule = (s) =>
  eachLine(s, "else-on-own-line", (line) => {
    const m = /^(\s*)\}\s*((?:elseif|else)\b.*)$/.exec(line);
    return m ? `${m[1]}}\n${m[1]}${m[2]}` : undefined;
  });

/** A comment between `}` and `elseif`/`else` moves above the `if`. */
export const commentBeforeElse: TextRule = (s) => {
  for (let k = 1; k < s.lines.length; k++) {
    if (!/^\s*(elseif|else)\b/.test(s.lines[k])) continue;
    let c = k - 1;
    while (c >= 0 && /^\s*\/\//.test(s.lines[c])) c--;
    if (c === k - 1 || c < 0 || !/^\s*\}\s*$/.test(s.lines[c])) continue;
    const comments = s.lines.slice(c + 1, k);
    const indent = indentOf(s.lines[k]);
    let ifLine = c;
    while (
      ifLine >= 0 && !(indentOf(s.lines[ifLine]) === indent && /^\s*if\b/.test(s.lines[ifLine]))
    ) {
      ifLine--;
    }
    if (ifLine < 0) continue;
    s.lines.splice(c + 1, comments.length);
    s.lines.splice(ifLine, 0, ...comments.map((x) => indent + x.trim()));
    s.fixes.push({
      rule: "comment-before-else",
      before: excerpt(comments.join(" ")),
      after: "moved above the 'if'",
      line: c + 2,
    });
  }
};

const FIELD_HEAD = /^(\s*)([a-z_]+)(\[[^\]]*\])?(\?)?(\s+[A-Za-z_]\w*)(\??)(.*)$/;

/** `string`/`integer`/`float`/`boolean`/… field types → `text`/`int`/`decimal`/`bool`/…. */
export const typeAlias: TextRule = (s) =>
  eachLine(s, "type-alias", (line) => {
    const m = FIELD_HEAD.exec(line);
    const better = m && TYPE_CORRECTIONS[m[2]];
    if (!m || !better || (m[6] === "" && /^\s*(=|as\b)/.test(m[7]))) return undefined;
    return line.replace(m[2], better);
  });

/** `text q { nullable = true }` → `text? q` (nullable is written after the type). */
export const nullableAttribute: TextRule = (s) => {
  for (let k = s.lines.length - 1; k >= 0; k--) {
    const line = s.lines[k];
    const one =
      /^(\s*[a-z_]+(?:\[[^\]]*\])?)(\??)(\s+[A-Za-z_]\w*.*?)\s*\{\s*nullable\s*=\s*(true|false)\s*\}\s*$/
        .exec(line);
    if (one) {
      replaceLine(
        s,
        "nullable-attribute",
        k,
        `${one[1]}${one[4] === "true" ? "?" : one[2]}${one[3]}`,
      );
      continue;
    }
    const attr = /^\s*nullable\s*=\s*(true|false)\s*$/.exec(line);
    if (!attr || k === 0) continue;
    const head = /^(\s*[a-z_]+(?:\[[^\]]*\])?)(\??)(\s+[A-Za-z_]\w*.*\{)\s*$/.exec(s.lines[k - 1]);
    if (!head) continue;
    const newHead = `${head[1]}${attr[1] === "true" ? "?" : head[2]}${head[3]}`;
    const closes = /^\s*\}\s*$/.test(s.lines[k + 1] ?? "");
    const after = closes ? newHead.replace(/\s*\{$/, "") : newHead;
    s.fixes.push({
      rule: "nullable-attribute",
      before: excerpt(`${s.lines[k - 1]} ${line}`),
      after: excerpt(after),
      line: k,
    });
    s.lines.splice(k - 1, closes ? 3 : 2, after);
    k--;
  }
};

/** `bool x? default = true` → `bool x?=true`. */
export const defaultKeyword: TextRule = (s) =>
  eachLine(s, "default-keyword", (line) => {
    const m =
      /^(\s*[a-z_]+(?:\[[^\]]*\])?\??\s+[A-Za-z_]\w*)\??\s+default\s*=?\s*("[^"]*"|\S+)(.*)$/.exec(
        line,
      );
    return m ? `${m[1]}?=${m[2]}${m[3]}` : undefined;
  });

/** `var total {` → `var $total {`. */
export const varDollar: TextRule = (s) =>
  eachLine(s, "var-needs-dollar", (line) => {
    const m = /^(\s*!?var(?:\.update)?\s+)([A-Za-z_][\w.]*)(\s*\{.*)$/.exec(line);
    return m ? `${m[1]}$${m[2]}${m[3]}` : undefined;
  });

/** `} as result` → `} as $result`. */
export const asDollar: TextRule = (s) =>
  eachLine(s, "as-needs-dollar", (line) => {
    const m = /^(.*\bas\s+)([A-Za-z_]\w*)(\s*\{?\s*)$/.exec(line);
    if (!m || !/(^\s*\}|^\s*each\b|^\s*[a-z_]+\.[a-z_.]+\b)/.test(line)) return undefined;
    return `${m[1]}$${m[2]}${m[3]}`;
  });

/** ``precondition if (`expr`) {`` → `precondition (expr) {`. */
export const preconditionIf: TextRule = (s) =>
  eachLine(s, "precondition-if", (line) => {
    const m = /^(\s*precondition)\s+if\s*\(\s*`([^`]*)`\s*\)(.*)$/.exec(line) ??
      /^(\s*precondition)\s+if\s*\((.*)\)(\s*\{.*)$/.exec(line);
    return m ? `${m[1]} (${m[2]})${m[3]}` : undefined;
  });

/** `auth = user` → `auth = "user"` (also api_group, canonical, datasource). */
export const quoteNames: TextRule = (s) =>
  eachLine(s, "quote-clause-value", (line) => {
    const m = /^(\s*(?:auth|api_group|canonical|datasource)\s*=\s*)([A-Za-z_][\w-]*)\s*$/.exec(
      line,
    );
    if (!m || m[2] === "true" || m[2] === "false") return undefined;
    return `${m[1]}"${m[2]}"`;
  });

/** `verb=get` → `verb=GET`. */
export const verbCase: TextRule = (s) =>
  eachLine(s, "verb-uppercase", (line) => {
    const m = /^(\s*query\s+\S+\s+verb\s*=\s*)(get|post|put|patch|delete)\b(.*)$/i.exec(line);
    if (!m || m[2] === m[2].toUpperCase() && !/verb\s+=|=\s+/.test(m[1])) return undefined;
    return `${m[1].replace(/\s*=\s*$/, "=").replace(/verb\s*=/, "verb=")}${m[2].toUpperCase()}${
      m[3]
    }`;
  });

/** `{customer = 1}` inside an object literal → `{customer: 1}`. */
export const objectEquals: TextRule = (s) =>
  eachLine(s, "object-key-colon", (line) => {
    if (!/[=:(\[,]\s*\{/.test(line)) return undefined;
    const toks = tokenize(line);
    const stack: boolean[] = [];
    let out = line;
    const edits: number[] = [];
    for (let j = 0; j < toks.length; j++) {
      const t = toks[j];
      if (t.t === T.Punct && t.v === "{") {
        const prev = toks[j - 1];
        stack.push(prev !== undefined && prev.t === T.Punct && "=:([,|?".includes(prev.v));
      } else if (t.t === T.Punct && t.v === "}") stack.pop();
      else if (
        stack[stack.length - 1] && t.t === T.Punct && t.v === "=" &&
        toks[j - 1]?.t === T.Ident && ["{", ","].includes(toks[j - 2]?.v ?? "")
      ) edits.push(t.start);
    }
    for (const at of edits.reverse()) {
      out = out.slice(0, at).trimEnd() + ": " + out.slice(at + 1).trimStart();
    }
    return edits.length > 0 ? out : undefined;
  });

/** `input.x` / `$inputs.x` → `$input.x`. */
export const inputVariable: TextRule = (s) =>
  eachLine(s, "input-variable", (line) => {
    const toks = tokenize(line);
    let out = line;
    for (let j = toks.length - 1; j >= 0; j--) {
      const t = toks[j];
      const prev = toks[j - 1];
      const isDot = (x: typeof t | undefined) => x?.t === T.Punct && x.v === ".";
      if (t.t === T.Ident && t.v === "input" && isDot(toks[j + 1]) && !isDot(prev)) {
        out = out.slice(0, t.start) + "$" + out.slice(t.start);
      } else if (t.t === T.Var && t.v === "$inputs" && isDot(toks[j + 1])) {
        out = out.slice(0, t.start) + "$input" + out.slice(t.end);
      }
    }
    return out === line ? undefined : out;
  });

/** Blank lines before an object (or between its leading comments and it) are errors. */
export const leadingBlankLines: TextRule = (s) => {
  let start = 0;
  while (start < s.lines.length) {
    let k = start;
    let removed = 0;
    while (k < s.lines.length && s.lines[k] !== "---") {
      const line = s.lines[k];
      if (line.trim() === "") {
        s.lines.splice(k, 1);
        removed++;
        continue;
      }
      if (!/^\s*\/\//.test(line)) break;
      k++;
    }
    if (removed > 0) {
      s.fixes.push({
        rule: "leading-blank-lines",
        before: `${removed} blank line(s)`,
        after: "removed",
        line: start + 1,
      });
    }
    const next = s.lines.indexOf("---", k);
    if (next < 0) break;
    start = next + 1;
  }
};
