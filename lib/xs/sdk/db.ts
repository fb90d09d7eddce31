/**
 * Database statements: `db.get`, `db.has`, `db.query`, `db.add`, `db.edit`,
 * `db.patch`, `db.add_or_edit`, `db.del`, `db.bulk.add`, `db.bulk.delete`.
 *
 * @module
 */

import { type Attribute, statement, type StatementNode } from "./ast.ts";
import { attr, checkAlias, checkKeys, checkTable, inlineText, type Report } from "./statements.ts";
import {
  exprValue,
  isPlainObject,
  type SdkValue,
  stringValue,
  toExpr,
  toValue,
  type Value,
} from "./values.ts";

/** Options of `.dbQuery()`. */
export interface DbQueryOptions {
  readonly where?: SdkValue;
  readonly sort?: { readonly [field: string]: string };
  readonly page?: SdkValue;
  readonly perPage?: SdkValue;
  readonly totals?: boolean;
  readonly return?: "list" | "single" | "count" | "exists";
  readonly output?: readonly string[];
}

const DB_QUERY_KEYS = ["where", "sort", "page", "perPage", "totals", "return", "output"];
const RETURN_TYPES = ["list", "single", "count", "exists"];

/** `{field: value}` → `[field, value]`, reporting any other shape. */
export function singleField(
  method: string,
  filter: unknown,
  report: Report,
): readonly [string, SdkValue] | undefined {
  if (!isPlainObject(filter) || Object.keys(filter).length !== 1) {
    report(
      "SDK_BAD_ARGUMENT",
      `${method}() needs a lookup with exactly one field, like { id: "$input.id" }`,
      `for several fields use .dbQuery(table, { where: {…}, return: "single" }, alias)`,
    );
    return undefined;
  }
  const [entry] = Object.entries(filter);
  return entry;
}

/** `{a: 1, b: "$x"}` → `$db.t.a == 1 && $db.t.b == $x`; strings are expressions. */
export function whereExpression(table: string, where: SdkValue): Value {
  if (!isPlainObject(where)) return toExpr(where);
  const parts = Object.entries(where).map(([field, v]) => {
    const column = field.startsWith("$db.") ? field : `$db.${table}.${field}`;
    return `${column} == ${inlineText(toValue(v))}`;
  });
  return exprValue(parts.join(" && "));
}

/** `db.get` / `db.has`. */
export function dbLookup(
  keyword: "db.get" | "db.has",
  table: string,
  filter: unknown,
  alias: unknown,
  report: Report,
): StatementNode | undefined {
  const field = singleField(keyword === "db.get" ? "dbGet" : "dbHas", filter, report);
  if (!field) return undefined;
  return statement(keyword, [
    attr("field_name", stringValue(field[0])),
    attr("field_value", toValue(field[1])),
  ], { subject: checkTable(table, report), alias: checkAlias(alias, report) });
}

/** `db.query`. */
export function dbQuery(
  table: string,
  options: DbQueryOptions | undefined,
  alias: unknown,
  report: Report,
): StatementNode {
  checkKeys("dbQuery", options, DB_QUERY_KEYS, report);
  const o = isPlainObject(options) ? options as DbQueryOptions : {};
  const attributes: Attribute[] = [];
  if (o.where !== undefined) attributes.push(attr("where", whereExpression(table, o.where)));
  if (o.sort !== undefined) {
    if (isPlainObject(o.sort)) {
      const entries = Object.entries(o.sort).map(([f, dir]) =>
        [f.includes(".") ? f : `${table}.${f}`, String(dir).toLowerCase()] as const
      );
      for (const [, dir] of entries) {
        if (!["asc", "desc", "rand"].includes(dir)) {
          report("SDK_BAD_ARGUMENT", `Sort direction "${dir}" is not asc, desc or rand`);
        }
      }
      attributes.push(attr("sort", toValue(Object.fromEntries(entries))));
    } else report("SDK_BAD_ARGUMENT", "dbQuery sort must be an object", `{ created_at: "desc" }`);
  }
  const type = o.return ?? "list";
  if (!RETURN_TYPES.includes(type)) {
    report("SDK_BAD_ARGUMENT", `dbQuery return "${type}" is not one of ${RETURN_TYPES.join(", ")}`);
  }
  const paging: Record<string, SdkValue> = {};
  if (o.page !== undefined) paging.page = o.page;
  if (o.perPage !== undefined) paging.per_page = o.perPage;
  if (o.totals !== undefined) paging.totals = o.totals;
  if (Object.keys(paging).length > 0 && type === "list") {
    if (paging.page === undefined) paging.page = 1;
    attributes.push(attr("return", toValue({ type, paging })));
  } else if (type !== "list" || Object.keys(paging).length > 0) {
    attributes.push(attr("return", toValue({ type })));
  } else attributes.push(attr("return", toValue({ type: "list" })));
  if (o.output !== undefined) attributes.push(attr("output", toValue(o.output)));
  return statement("db.query", attributes, {
    subject: checkTable(table, report),
    alias: checkAlias(alias, report),
  });
}

/** `db.edit` / `db.patch` / `db.add_or_edit`. */
export function dbWrite(
  keyword: "db.edit" | "db.patch" | "db.add_or_edit",
  table: string,
  filter: unknown,
  data: SdkValue,
  alias: unknown,
  report: Report,
): StatementNode | undefined {
  const method = { "db.edit": "dbEdit", "db.patch": "dbPatch", "db.add_or_edit": "dbAddOrEdit" };
  if (isPlainObject(data) && Object.keys(data).length === 0) {
    report(
      "SDK_BAD_ARGUMENT",
      `${method[keyword]}() data needs at least one field`,
      '{ name: "$input.name" }',
    );
  }
  const field = singleField(method[keyword], filter, report);
  if (!field) return undefined;
  return statement(keyword, [
    attr("field_name", stringValue(field[0])),
    attr("field_value", toValue(field[1])),
    attr("data", toValue(data)),
  ], { subject: checkTable(table, report), alias: checkAlias(alias, report) });
}

/** `db.add <table> { data } as $alias`. */
export function dbAdd(
  table: string,
  data: SdkValue,
  alias: unknown,
  report: Report,
): StatementNode {
  return statement("db.add", [attr("data", toValue(data))], {
    subject: checkTable(table, report),
    alias: checkAlias(alias, report),
  });
}

/** `db.del <table> { field_name  field_value }` (no result). */
export function dbDelete(
  table: string,
  filter: unknown,
  report: Report,
): StatementNode | undefined {
  const field = singleField("dbDelete", filter, report);
  if (!field) return undefined;
  return statement("db.del", [
    attr("field_name", stringValue(field[0])),
    attr("field_value", toValue(field[1])),
  ], { subject: checkTable(table, report) });
}

/** `db.bulk.add <table> { items } as $alias`. */
export function dbBulkAdd(
  table: string,
  items: SdkValue,
  alias: unknown,
  report: Report,
): StatementNode {
  return statement("db.bulk.add", [attr("items", toValue(items))], {
    subject: checkTable(table, report),
    alias: checkAlias(alias, report),
  });
}

/** `db.bulk.delete <table> { where } as $alias`. */
export function dbBulkDelete(
  table: string,
  where: SdkValue,
  alias: unknown,
  report: Report,
): StatementNode {
  return statement("db.bulk.delete", [attr("where", whereExpression(table, where))], {
    subject: checkTable(table, report),
    alias: checkAlias(alias, report),
  });
}
