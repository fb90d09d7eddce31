/**
 * Argument-shape repairs, one function per SDK method: each takes the
 * argument values AI wrote and returns them in the shape the SDK wants,
 * with the rule that fired. A repair happens only where the intent is clear.
 *
 * @module
 */

import {
  API_REQUEST_KEY_ALIASES,
  DB_QUERY_KEY_ALIASES,
  INPUT_KEY_ALIASES,
  PRECONDITION_ALIASES,
  TYPE_ALIASES,
} from "./fix_aliases.ts";
import { IDENTIFIER, isFieldType, PRECONDITION_KINDS, VERBS } from "./names.ts";
import { Expr, isPlainObject, type SdkValue } from "./values.ts";

/** Arguments of one call (`undefined` = omitted). */
export type Args = (SdkValue | undefined)[];

/** A shape repair: the new arguments and the rule that fired. */
export type ShapeFix = { readonly args: Args; readonly rule: string; readonly method?: string };

type Obj = { [key: string]: SdkValue };

function renameKeys(
  value: SdkValue | undefined,
  aliases: ReadonlyMap<string, string>,
): Obj | undefined {
  if (!isPlainObject(value)) return undefined;
  let changed = false;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    const target = aliases.get(k);
    if (target && !(target in value)) {
      out[target] = v;
      changed = true;
    } else out[k] = v;
  }
  return changed ? out : undefined;
}

const isName = (v: unknown): v is string => typeof v === "string" && IDENTIFIER.test(v);
const isExpr = (v: unknown): boolean =>
  v instanceof Expr || (typeof v === "string" && v.startsWith("$"));

/** Maps a type alias; `number` is `int` when the default is a whole number. */
export function fixType(type: unknown, options: unknown): string | undefined {
  if (typeof type !== "string" || isFieldType(type)) return undefined;
  const array = /\[\]$/.test(type) ? "[]" : "";
  const base = type.replace(/\[\]$/, "");
  if (base === "number") {
    const d = isPlainObject(options) ? options.default ?? options.defaultValue : undefined;
    return (typeof d === "number" && Number.isInteger(d) ? "int" : "decimal") + array;
  }
  const target = TYPE_ALIASES.get(base) ?? TYPE_ALIASES.get(base.toLowerCase());
  if (target) return target + array;
  if (isFieldType(base.toLowerCase())) return base.toLowerCase() + array;
  return undefined;
}

/** `.input()` / `.field()`: object forms, boolean `required`, option names, type names. */
export function fixInput(args: Args): ShapeFix[] {
  const fixes: ShapeFix[] = [];
  let a = [...args];
  if (isPlainObject(a[0]) && typeof a[0].name === "string") {
    const { name, type, ...rest } = a[0];
    a = [name, type ?? "text", rest];
    fixes.push({ args: a, rule: "input-object-form" });
  } else if (isPlainObject(a[1]) && typeof a[1].type === "string") {
    const { type, ...rest } = a[1];
    a = [a[0], type, rest];
    fixes.push({ args: a, rule: "input-object-form" });
  }
  const typeLike = (v: unknown) =>
    typeof v === "string" && (isFieldType(v) || fixType(v, a[2]) !== undefined);
  if (
    typeof a[0] === "string" && typeof a[1] === "string" && !typeLike(a[1]) && typeLike(a[0])
  ) {
    a = [a[1], a[0], ...a.slice(2)];
    fixes.push({ args: a, rule: "input-argument-order" });
  }
  if (typeof a[2] === "boolean") {
    a = [a[0], a[1], { required: a[2] }];
    fixes.push({ args: a, rule: "input-required-flag" });
  }
  const renamed = renameKeys(a[2], INPUT_KEY_ALIASES);
  if (renamed) {
    a = [a[0], a[1], renamed];
    fixes.push({ args: a, rule: "input-option-name" });
  }
  if (isPlainObject(a[2]) && "optional" in a[2] && !("required" in a[2])) {
    const { optional, ...rest } = a[2];
    a = [a[0], a[1], { ...rest, required: optional !== true }];
    fixes.push({ args: a, rule: "input-option-name" });
  }
  const type = fixType(a[1], a[2]);
  if (type) {
    a = [a[0], type, ...a.slice(2)];
    fixes.push({ args: a, rule: "type-alias" });
  }
  return fixes;
}

function lookup(filter: SdkValue | undefined): { value?: Obj; rule?: string } {
  if (isExpr(filter) || typeof filter === "number") {
    return { value: { id: filter! }, rule: "lookup-id-shorthand" };
  }
  if (isPlainObject(filter)) {
    const f = filter.field_name ?? filter.field ?? filter.fieldName;
    const v = filter.field_value ?? filter.value ?? filter.fieldValue;
    if (typeof f === "string" && v !== undefined && Object.keys(filter).length === 2) {
      return { value: { [f]: v }, rule: "lookup-field-value" };
    }
  }
  return {};
}

/** `.dbGet()`/`.dbHas()`/`.dbDelete()`/`.dbEdit()`…: the lookup argument. */
export function fixLookup(method: string, args: Args): ShapeFix[] {
  const fixes: ShapeFix[] = [];
  const l = lookup(args[1]);
  let a = [...args];
  if (l.value) {
    a = [a[0], l.value, ...a.slice(2)];
    fixes.push({ args: a, rule: l.rule! });
  }
  if ((method === "dbGet") && isPlainObject(a[1])) {
    const where = isPlainObject(a[1].where) ? a[1].where : a[1];
    if (Object.keys(where).length > 1 || where !== a[1]) {
      fixes.push({
        args: [a[0], { where, return: "single" }, a[2]],
        rule: "dbget-to-query",
        method: "dbQuery",
      });
    }
  }
  return fixes;
}

/** `.dbQuery()`: option names, paging objects, sort strings, argument order. */
export function fixDbQuery(args: Args): ShapeFix[] {
  const fixes: ShapeFix[] = [];
  let a = [...args];
  if (
    isName(a[1]) && (isPlainObject(a[2]) || a[2] === undefined) && a.length >= 2 && !isExpr(a[1])
  ) {
    a = [a[0], a[2] ?? {}, a[1]];
    fixes.push({ args: a, rule: "dbquery-argument-order" });
  }
  if (isExpr(a[1])) {
    a = [a[0], { where: a[1]! }, a[2]];
    fixes.push({ args: a, rule: "dbquery-where-shorthand" });
  }
  let o = isPlainObject(a[1]) ? { ...a[1] } as Obj : undefined;
  if (!o) return fixes;
  const before = JSON.stringify(o);
  o = renameKeys(o, DB_QUERY_KEY_ALIASES) ?? o;
  if (isPlainObject(o.paging) || isPlainObject(o.pagination)) {
    const p = (o.paging ?? o.pagination) as Obj;
    delete o.paging;
    delete o.pagination;
    if (p.page !== undefined) o.page = p.page;
    const per = p.per_page ?? p.perPage ?? p.limit;
    if (per !== undefined) o.perPage = per;
    if (p.totals !== undefined) o.totals = p.totals;
  }
  if (typeof o.sort === "string") {
    const [field, dir = "asc"] = o.sort.trim().replace(/^-/, "").split(/\s+/);
    o.sort = { [field]: o.sort.trim().startsWith("-") ? "desc" : dir.toLowerCase() };
  } else if (isPlainObject(o.sort) && typeof o.sort.field === "string") {
    o.sort = { [o.sort.field]: String(o.sort.direction ?? o.sort.order ?? "asc").toLowerCase() };
  } else if (Array.isArray(o.sort) && o.sort.every(isPlainObject)) {
    o.sort = Object.fromEntries(
      (o.sort as Obj[]).map((
        s,
      ) => [String(s.field ?? s.name), String(s.direction ?? s.order ?? "asc").toLowerCase()]),
    );
  }
  if (o.return === "first" || o.return === "one") o.return = "single";
  if (o.return === "all" || o.return === "many") o.return = "list";
  if (JSON.stringify(o) !== before) {
    a = [a[0], o, a[2]];
    fixes.push({ args: a, rule: "dbquery-options" });
  }
  return fixes;
}

/** `.dbAdd()` / `.dbBulkAdd()`: alias and data swapped. */
export function fixDataOrder(args: Args): ShapeFix[] {
  if (isName(args[1]) && (isPlainObject(args[2]) || Array.isArray(args[2]) || isExpr(args[2]))) {
    return [{ args: [args[0], args[2], args[1]], rule: "data-argument-order" }];
  }
  return [];
}

/** `.precondition()`: error kind names, swapped message and condition. */
export function fixPrecondition(args: Args): ShapeFix[] {
  const fixes: ShapeFix[] = [];
  let a = [...args];
  const looksLikeCondition = (v: unknown) =>
    isExpr(v) || (typeof v === "string" && /[=<>!]/.test(v));
  if (typeof a[0] === "string" && !looksLikeCondition(a[0]) && looksLikeCondition(a[1])) {
    a = [a[1], a[0], ...a.slice(2)];
    fixes.push({ args: a, rule: "precondition-argument-order" });
  }
  if (a[2] !== undefined && PRECONDITION_KINDS[String(a[2])] === undefined) {
    const kind = PRECONDITION_ALIASES.get(String(a[2]));
    if (kind) {
      a = [a[0], a[1], kind];
      fixes.push({ args: a, rule: "precondition-kind" });
    }
  }
  return fixes;
}

/** `.apiRequest()`: options object in place of the method, option names. */
export function fixApiRequest(args: Args): ShapeFix[] {
  const fixes: ShapeFix[] = [];
  let a = [...args];
  if (isPlainObject(a[0]) && a[0].url !== undefined) {
    const { url, method, ...rest } = a[0];
    a = [url, method ?? "GET", rest, a[1]];
    fixes.push({ args: a, rule: "api-request-options" });
  } else if (isPlainObject(a[1])) {
    const { method, ...rest } = a[1];
    a = [a[0], method ?? "GET", rest, a[2]];
    fixes.push({ args: a, rule: "api-request-options" });
  }
  const renamed = renameKeys(a[2], API_REQUEST_KEY_ALIASES);
  if (renamed) {
    a = [a[0], a[1], renamed, a[3]];
    fixes.push({ args: a, rule: "api-request-option-name" });
  }
  return fixes;
}

/** `.createAuthToken()`: missing expiration, or an options object. */
export function fixAuthToken(args: Args): ShapeFix[] {
  if (isPlainObject(args[0])) {
    const o = args[0];
    return [{
      args: [o.table ?? "user", o.id ?? "$user.id", o.expiration ?? 86400, args[1]],
      rule: "auth-token-options",
    }];
  }
  if (isName(args[2]) && args[3] === undefined) {
    return [{ args: [args[0], args[1], 86400, args[2]], rule: "auth-token-expiration" }];
  }
  return [];
}

/** `create()`: lowercase verbs and swapped arguments. */
export function fixCreate(args: Args): ShapeFix[] {
  const fixes: ShapeFix[] = [];
  let a = [...args];
  if (
    typeof a[0] === "string" && VERBS.has(a[0].toUpperCase()) && typeof a[1] === "string" &&
    !VERBS.has(a[1].toUpperCase())
  ) {
    a = [a[1], a[0]];
    fixes.push({ args: a, rule: "create-argument-order" });
  }
  if (typeof a[1] === "string" && a[1] !== a[1].toUpperCase() && VERBS.has(a[1].toUpperCase())) {
    a = [a[0], a[1].toUpperCase()];
    fixes.push({ args: a, rule: "verb-uppercase" });
  }
  return fixes;
}
