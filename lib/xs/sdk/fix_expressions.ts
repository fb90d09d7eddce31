/**
 * Expression-level repairs for SDK values: the slips AI makes inside
 * XanoScript expression strings (`===`, `$inputs.x`, `|lowercase`, a filtered
 * operand without parentheses, a variable without `$`).
 *
 * @module
 */

/** One repair, before it gets a line number. */
export interface TextFix {
  readonly rule: string;
  readonly before: string;
  readonly after: string;
}

const FILTER_ALIASES: Readonly<Record<string, string>> = {
  lowercase: "to_lower",
  toLowerCase: "to_lower",
  tolower: "to_lower",
  lower: "to_lower",
  uppercase: "to_upper",
  toUpperCase: "to_upper",
  toupper: "to_upper",
  upper: "to_upper",
  json_stringify: "json_encode",
  stringify: "json_encode",
  to_json: "json_encode",
  toJSON: "json_encode",
  json_parse: "json_decode",
  parse_json: "json_decode",
  from_json: "json_decode",
  toString: "to_text",
  to_string: "to_text",
  toInt: "to_int",
  to_integer: "to_int",
  parseInt: "to_int",
  parseFloat: "to_decimal",
  to_float: "to_decimal",
  toFixed: "number_format",
  includes: "contains",
  startsWith: "starts_with",
  endsWith: "ends_with",
  toUpperFirst: "capitalize",
  ucfirst: "capitalize",
  size: "count",
  hash_sha256: "sha256",
};

const INPUT_ROOTS = /\$(inputs|params|request|body|args|payload)\./g;

/** Splits text into code and quoted-string segments so rules skip string contents. */
function segments(text: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  let i = 0;
  let start = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      if (i > start) out.push({ code: true, text: text.slice(start, i) });
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      out.push({ code: false, text: text.slice(i, j + 1) });
      i = j + 1;
      start = i;
    } else i++;
  }
  if (start < text.length) out.push({ code: true, text: text.slice(start) });
  return out;
}

function mapCode(text: string, fn: (code: string) => string): string {
  return segments(text).map((s) => s.code ? fn(s.text) : s.text).join("");
}

/** Wraps `$x|f:a` in parentheses when an operator follows or precedes it. */
function parenthesizeFilters(code: string): string {
  const operand = String.raw`\$[\w.$]*(?:\|[A-Za-z_]\w*(?::[^\s|()]+)*)+`;
  const op = String.raw`(?:===?|!==?|>=|<=|>|<|&&|\|\||~|\+|-|\*|\/|%)`;
  if (!new RegExp(operand).test(code)) return code;
  return code
    .replace(new RegExp(String.raw`(^|[\s(!])(${operand})(?=\s*${op}(?!\|))`, "g"), "$1($2)")
    .replace(new RegExp(String.raw`(${op}\s*)(${operand})(?=\s*(?:$|[)]|&&|\|\|))`, "g"), "$1($2)");
}

/**
 * Repairs one expression string; `declared` names (results, vars, loop items)
 * get their missing `$` back when `bareNames` is set (expression positions).
 */
export function fixExpression(
  text: string,
  options: { declared: ReadonlySet<string>; bareNames: boolean },
): { text: string; fixes: TextFix[] } {
  const fixes: TextFix[] = [];
  let out = text;
  const step = (rule: string, next: string): void => {
    if (next !== out) {
      fixes.push({ rule, before: out, after: next });
      out = next;
    }
  };
  step("js-equality", mapCode(out, (c) => c.replace(/===/g, "==").replace(/!==/g, "!=")));
  step("input-variable", mapCode(out, (c) => c.replace(INPUT_ROOTS, "$input.")));
  step(
    "filter-alias",
    mapCode(out, (c) =>
      c.replace(/\|([A-Za-z_]\w*)/g, (m, name: string) => {
        const alias = FILTER_ALIASES[name];
        return alias ? `|${alias}` : m;
      })),
  );
  if (options.bareNames && options.declared.size > 0) {
    step(
      "missing-dollar",
      mapCode(
        out,
        (c) =>
          c.replace(
            /(^|[^\w$.|:])([A-Za-z_]\w*)(?=[\s.)=!<>&|~+*/-]|$)/g,
            (m, pre: string, name: string) => options.declared.has(name) ? `${pre}$${name}` : m,
          ),
      ),
    );
    step(
      "missing-dollar",
      mapCode(out, (c) => c.replace(/(^|[^\w$.])(input|auth|env)\./g, "$1$$$2.")),
    );
  }
  step("filter-parentheses", mapCode(out, parenthesizeFilters));
  return { text: out, fixes };
}
