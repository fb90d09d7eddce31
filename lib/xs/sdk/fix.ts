/**
 * SDK-level auto-fix: rewrites a translated program so the mistakes AI makes
 * (method aliases, argument shapes, type names, expression slips, unclosed
 * blocks, `.return()` in place of `.response()`) become what it meant. Every
 * repair is reported as a {@link Fix}; guesses are left to diagnostics.
 *
 * @module
 */

import type { Fix } from "../diagnostics.ts";
import type { ArgIR, BuilderIR, CallIR, ProgramIR } from "./ir.ts";
import { GROUP_METHOD_ALIASES, LOGIC_METHOD_ALIASES, TABLE_METHOD_ALIASES } from "./fix_aliases.ts";
import * as shape from "./fix_calls.ts";
import { fixExpression } from "./fix_expressions.ts";
import { methodsOf } from "./methods.ts";
import { printValue, quote } from "./print.ts";
import { Expr, isPlainObject, type SdkValue, toValue } from "./values.ts";

/** Argument positions that always hold an expression. */
const EXPRESSION_ARGS: Readonly<Record<string, number>> = {
  conditional: 0,
  elseIf: 0,
  while: 0,
  forEach: 0,
  precondition: 0,
};

/** Argument positions that hold SDK values (where `$` strings are expressions). */
const VALUE_ARGS: Readonly<Record<string, readonly number[]>> = {
  var: [1],
  varUpdate: [1],
  dbGet: [1],
  dbHas: [1],
  dbQuery: [1],
  dbAdd: [1],
  dbEdit: [1, 2],
  dbPatch: [1, 2],
  dbAddOrEdit: [1, 2],
  dbDelete: [1],
  dbBulkAdd: [1],
  dbBulkDelete: [1],
  apiRequest: [0, 2],
  callFunction: [1],
  createAuthToken: [1],
  verifyPassword: [0, 1],
  debugLog: [0],
  return: [0],
  response: [0],
  throwError: [1],
  precondition: [1],
}; // deno-fmt-ignore

/** Methods whose argument at this index names a result (`as $x`). */
const ALIAS_ARG: Readonly<Record<string, number>> = {
  dbGet: 2,
  dbHas: 2,
  dbQuery: 2,
  dbAdd: 2,
  dbEdit: 3,
  dbPatch: 3,
  dbAddOrEdit: 3,
  dbBulkAdd: 2,
  dbBulkDelete: 2,
  apiRequest: 3,
  callFunction: 2,
  lambda: 1,
  createAuthToken: 3,
  verifyPassword: 2,
  var: 0,
  varUpdate: 0,
  forEach: 1,
}; // deno-fmt-ignore

const OPENERS = new Set(["conditional", "forEach", "while"]);
const CLOSERS: Readonly<Record<string, string>> = {
  conditional: "endConditional",
  forEach: "endForEach",
  while: "endWhile",
};
const BRANCHES = new Set(["then", "elseIf", "else"]);

function shortText(value: unknown): string {
  const text = value instanceof Expr ? value.text : JSON.stringify(value) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Applies every SDK-level repair to `program`. */
export function fixProgram(program: ProgramIR): ProgramIR {
  const fixes: Fix[] = [...program.fixes];
  const builders = program.builders.map((b) => fixBuilder(b, fixes));
  return { ...program, builders, fixes };
}

function fixBuilder(builder: BuilderIR, fixes: Fix[]): BuilderIR {
  let args = builder.args;
  if (builder.factory === "create") {
    const values = args.map((a) => a.kind === "value" ? a.value : undefined);
    for (const f of shape.fixCreate(values)) {
      fixes.push({
        rule: f.rule,
        before: shortText(values),
        after: shortText(f.args),
        line: builder.pos.line,
      });
      args = f.args.map((value, i) => ({ kind: "value", value, pos: args[i]?.pos ?? builder.pos }));
    }
  }
  const kind = builder.factory === "createTable"
    ? "table"
    : builder.factory === "createApiGroup"
    ? "api_group"
    : "logic";
  const declared = new Set<string>();
  let calls = fixCalls(builder.calls, kind, fixes, declared);
  if (kind === "logic" && builder.factory !== "createTask") calls = returnToResponse(calls, fixes);
  if (kind === "logic") calls = closeBlocks(calls, fixes, builder.pos.line);
  return { ...builder, args, calls };
}

function fixCalls(
  calls: readonly CallIR[],
  kind: string,
  fixes: Fix[],
  declared: Set<string>,
): CallIR[] {
  const aliases = kind === "table"
    ? TABLE_METHOD_ALIASES
    : kind === "api_group"
    ? GROUP_METHOD_ALIASES
    : LOGIC_METHOD_ALIASES;
  const known = methodsOf(kind);
  return calls.map((call) => {
    let method = call.method;
    if (!known.has(method)) {
      const target = aliases.get(method) ??
        [...known].find((m) => m.toLowerCase() === method.toLowerCase());
      if (target) {
        fixes.push({
          rule: "method-alias",
          before: `.${method}(`,
          after: `.${target}(`,
          line: call.pos.line,
        });
        method = target;
      }
    }
    let args = call.args;
    const values = args.map((a) => a.kind === "value" ? a.value : undefined);
    const shapeFixes = shapeOf(method, kind, values);
    for (const f of shapeFixes) {
      fixes.push({
        rule: f.rule,
        before: `.${method}(${shortText(values).slice(1, -1)})`,
        after: `.${f.method ?? method}(${shortText(f.args).slice(1, -1)})`,
        line: call.pos.line,
      });
    }
    const last = shapeFixes[shapeFixes.length - 1];
    if (last) {
      method = last.method ?? method;
      args = last.args.map((value, i) =>
        args[i]?.kind === "callback"
          ? args[i]
          : { kind: "value", value, pos: args[i]?.pos ?? call.pos }
      );
    }
    const aliasAt = ALIAS_ARG[method];
    args = args.map((arg, i) => {
      if (arg.kind === "callback") {
        return {
          ...arg,
          calls: closeBlocks(fixCalls(arg.calls, kind, fixes, declared), fixes, arg.pos.line),
        };
      }
      let value = arg.value;
      if (i === aliasAt && typeof value === "string" && value.startsWith("$")) {
        fixes.push({
          rule: "name-without-dollar",
          before: value,
          after: value.slice(1),
          line: arg.pos.line,
        });
        value = value.slice(1);
      }
      if (i === aliasAt && typeof value === "string") {
        declared.add(value.split(".")[0]);
        return { ...arg, value };
      }
      if (EXPRESSION_ARGS[method] !== i && !VALUE_ARGS[method]?.includes(i)) return arg;
      const bare = EXPRESSION_ARGS[method] === i || method === "response" || method === "return";
      value = fixValue(
        value,
        { bare, expressionPosition: EXPRESSION_ARGS[method] === i },
        declared,
        fixes,
        arg.pos.line,
      );
      return { ...arg, value } as ArgIR;
    });
    args = nullSafeFilters(method, args, declared, fixes, call.pos.line);
    return { ...call, method, args };
  });
}

function shapeOf(method: string, kind: string, values: shape.Args): shape.ShapeFix[] {
  switch (method) {
    case "input":
    case "field":
      return kind === "api_group" ? [] : shape.fixInput(values);
    case "dbGet":
    case "dbHas":
    case "dbDelete":
    case "dbEdit":
    case "dbPatch":
    case "dbAddOrEdit":
      return shape.fixLookup(method, values);
    case "dbQuery":
      return shape.fixDbQuery(values);
    case "dbAdd":
    case "dbBulkAdd":
      return shape.fixDataOrder(values);
    case "precondition":
      return shape.fixPrecondition(values);
    case "apiRequest":
      return shape.fixApiRequest(values);
    case "createAuthToken":
      return shape.fixAuthToken(values);
    case "response":
      return values.length > 1 ? [{ args: [values[0]], rule: "response-status-dropped" }] : [];
    default:
      return [];
  }
}

const QUOTED = /^"([^"\\]*)"$|^'([^'\\]*)'$/;
const XANO_PATH = /^(input|auth|env)\.[A-Za-z_][\w.]*$/;

function fixValue(
  value: SdkValue | undefined,
  position: { bare: boolean; expressionPosition: boolean },
  declared: ReadonlySet<string>,
  fixes: Fix[],
  line: number,
): SdkValue | undefined {
  if (value === undefined || value === null) return value;
  if (value instanceof Expr) {
    const r = fixExpression(value.text, { declared, bareNames: true });
    for (const f of r.fixes) fixes.push({ ...f, line });
    return r.fixes.length > 0 ? new Expr(r.text) : value;
  }
  if (typeof value === "string") {
    let text = value;
    if (!position.expressionPosition && !text.startsWith("$")) {
      const quoted = QUOTED.exec(text);
      if (quoted) {
        const inner = quoted[1] ?? quoted[2];
        fixes.push({ rule: "quoted-string", before: text, after: inner, line });
        return inner;
      }
      const embedded = interpolate(text);
      if (embedded) {
        fixes.push({ rule: "variable-in-string", before: text, after: embedded, line });
        return new Expr(embedded);
      }
      const name = text.split(".")[0];
      if (XANO_PATH.test(text) || (position.bare && declared.has(name) && /^[\w.]+$/.test(text))) {
        fixes.push({ rule: "missing-dollar", before: text, after: `$${text}`, line });
        text = `$${text}`;
      } else return text;
    }
    const r = fixExpression(text, { declared, bareNames: position.expressionPosition });
    for (const f of r.fixes) fixes.push({ ...f, line });
    return r.text;
  }
  if (Array.isArray(value)) {
    return value.map((v) =>
      fixValue(v, { bare: false, expressionPosition: false }, declared, fixes, line) ?? null
    );
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map((
        [k, v],
      ) => [
        k,
        fixValue(v, { bare: false, expressionPosition: false }, declared, fixes, line) ?? null,
      ]),
    );
  }
  return value;
}

const EMBEDDED = /\$(?:input|env|auth)\.[A-Za-z_][\w.]*/g;

/** `"Bearer $env.KEY"` → `"Bearer " ~ $env.KEY`: XanoScript strings do not interpolate. */
function interpolate(text: string): string | undefined {
  if (!EMBEDDED.test(text)) return undefined;
  EMBEDDED.lastIndex = 0;
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(EMBEDDED)) {
    const path = m[0].replace(/\.$/, "");
    if (m.index! > last) parts.push(quote(text.slice(last, m.index)));
    parts.push(path);
    last = m.index! + path.length;
  }
  if (last < text.length) parts.push(quote(text.slice(last)));
  return parts.join(" ~ ");
}

const OPTIONAL_PREFIX = "?input:";

/**
 * Records optional inputs (in `declared`, prefixed) and rewrites a `where`
 * object that compares a column with one of them to use `==?`, which Xano
 * skips when the input is null — what a filter on an optional input means.
 */
function nullSafeFilters(
  method: string,
  args: readonly ArgIR[],
  declared: Set<string>,
  fixes: Fix[],
  line: number,
): readonly ArgIR[] {
  const value = (i: number) =>
    args[i]?.kind === "value" ? (args[i] as { value: unknown }).value : undefined;
  if (method === "input") {
    const o = value(2);
    if (isPlainObject(o) && (o.required === false || o.default !== undefined)) {
      declared.add(OPTIONAL_PREFIX + String(value(0)));
    }
    return args;
  }
  if (method !== "dbQuery" || typeof value(0) !== "string") return args;
  const options = value(1);
  if (!isPlainObject(options) || !isPlainObject(options.where)) return args;
  const table = value(0) as string;
  const where = options.where;
  const optional = (v: unknown) =>
    typeof v === "string" && /^\$input\.\w+$/.test(v) && declared.has(OPTIONAL_PREFIX + v.slice(7));
  if (!Object.values(where).some(optional)) return args;
  const text = Object.entries(where).map(([f, v]) =>
    `${f.startsWith("$db.") ? f : `$db.${table}.${f}`} ${optional(v) ? "==?" : "=="} ${
      printValue(toValue(v as SdkValue), 0)
    }`
  ).join(" && ");
  fixes.push({ rule: "optional-filter-null-safe", before: shortText(where), after: text, line });
  const next = [...args];
  next[1] = { ...args[1], value: { ...options, where: text } } as ArgIR;
  return next;
}

function returnToResponse(calls: CallIR[], fixes: Fix[]): CallIR[] {
  if (calls.some((c) => c.method === "response")) return calls;
  const last = calls[calls.length - 1];
  if (!last || last.method !== "return") return calls;
  fixes.push({
    rule: "return-to-response",
    before: ".return(",
    after: ".response(",
    line: last.pos.line,
  });
  return [...calls.slice(0, -1), { ...last, method: "response" }];
}

/** Inserts the `.endConditional()`/`.endForEach()`/`.endWhile()` AI forgot. */
function closeBlocks(calls: CallIR[], fixes: Fix[], line: number): CallIR[] {
  const out: CallIR[] = [];
  const open: { method: string; branchOpen: boolean }[] = [];
  const close = (at: CallIR | undefined): void => {
    const top = open.pop()!;
    const method = CLOSERS[top.method];
    fixes.push({
      rule: "close-block",
      before: "",
      after: `.${method}()`,
      line: at?.pos.line ?? line,
    });
    out.push({ method, args: [], pos: at?.pos ?? { line, column: 1 } });
  };
  for (const call of calls) {
    const top = open[open.length - 1];
    const hasCallback = call.args.some((a) => a.kind === "callback");
    if (
      top?.method === "conditional" && !top.branchOpen && !BRANCHES.has(call.method) &&
      call.method !== "endConditional"
    ) {
      close(call);
    }
    const current = open[open.length - 1];
    if (OPENERS.has(call.method) && (call.method === "conditional" || !hasCallback)) {
      open.push({ method: call.method, branchOpen: false });
    } else if (BRANCHES.has(call.method) && current?.method === "conditional") {
      current.branchOpen = !hasCallback;
    } else if (
      Object.values(CLOSERS).includes(call.method) && current &&
      CLOSERS[current.method] === call.method
    ) {
      open.pop();
    }
    out.push(call);
  }
  while (open.length > 0) close(undefined);
  return out;
}
