/**
 * Pure constructors for stack statements, one per SDK method. Each checks its
 * arguments, reports problems through `report`, and returns a frozen node.
 *
 * @module
 */

import { type Attribute, statement, type StatementNode } from "./ast.ts";
import { printValue, quote } from "./print.ts";
import { IDENTIFIER, PRECONDITION_KINDS } from "./names.ts";
import {
  exprValue,
  isPlainObject,
  type SdkValue,
  stringValue,
  toExpr,
  toValue,
  type Value,
} from "./values.ts";

/** Receives a problem found in a method's arguments. */
export type Report = (code: string, message: string, fix?: string) => void;

/** Options of `.apiRequest()`. */
export interface ApiRequestOptions {
  readonly headers?: SdkValue;
  readonly body?: SdkValue;
  readonly query?: SdkValue;
  readonly timeout?: number;
}

const API_REQUEST_KEYS = ["headers", "body", "query", "timeout"];

export function attr(name: string, value: Value): Attribute {
  return Object.freeze([name, value] as const);
}

export function inlineText(value: Value): string {
  return printValue(value, 0);
}

/** Checks that `options` only has `allowed` keys. */
export function checkKeys(
  what: string,
  options: unknown,
  allowed: readonly string[],
  report: Report,
): void {
  if (options === undefined || options === null) return;
  if (!isPlainObject(options)) {
    report("SDK_BAD_ARGUMENT", `${what} options must be an object`, `{ ${allowed.join(", ")} }`);
    return;
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      report(
        "SDK_UNKNOWN_OPTION",
        `Unknown ${what} option "${key}"`,
        `use one of: ${allowed.join(", ")}`,
      );
    }
  }
}

/** `precondition (<expr>) { error_type  error }`. */
export function precondition(
  condition: SdkValue,
  message: string,
  kind: string | number | undefined,
  report: Report,
): StatementNode {
  const type = PRECONDITION_KINDS[String(kind ?? "inputerror")];
  if (type === undefined) {
    report(
      "SDK_BAD_ARGUMENT",
      `Precondition kind "${kind}" is unknown`,
      "use inputerror, accessdenied, notfound, standard, or 400/403/404/500",
    );
  }
  return statement("precondition", [
    attr("error_type", stringValue(type ?? "inputerror")),
    attr("error", toValue(message)),
  ], { subject: `(${inlineText(toExpr(condition))})` });
}

function headerList(headers: SdkValue): Value {
  if (!isPlainObject(headers)) return toValue(headers);
  const items = Object.entries(headers).map(([name, v]) => {
    if (typeof v === "string" && !v.startsWith("$")) return stringValue(`${name}: ${v}`);
    return exprValue(`${quote(`${name}: `)} ~ ${inlineText(toValue(v))}`);
  });
  return Object.freeze({ kind: "array", items: Object.freeze(items) });
}

/** `api.request`. */
export function apiRequest(
  url: SdkValue,
  method: string,
  options: ApiRequestOptions | undefined,
  alias: unknown,
  report: Report,
): StatementNode {
  checkKeys("apiRequest", options, API_REQUEST_KEYS, report);
  const o = isPlainObject(options) ? options as ApiRequestOptions : {};
  let target = toValue(url);
  const verb = String(method ?? "GET").toUpperCase();
  if (!["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].includes(verb)) {
    report(
      "SDK_BAD_ARGUMENT",
      `HTTP method "${method}" is unknown`,
      "use GET, POST, PUT, PATCH or DELETE",
    );
  }
  let params = o.body;
  if (o.query !== undefined) {
    if (params === undefined) params = o.query;
    else if (isPlainObject(o.query)) {
      const args = Object.entries(o.query)
        .map(([k, v]) => `|url_addarg:${quote(k)}:${inlineText(toValue(v))}`).join("");
      target = exprValue(`${inlineText(target)}${args}`);
    } else report("SDK_BAD_ARGUMENT", "apiRequest query must be an object");
  }
  const attributes: Attribute[] = [attr("url", target), attr("method", stringValue(verb))];
  if (params !== undefined) attributes.push(attr("params", toValue(params)));
  if (o.headers !== undefined) attributes.push(attr("headers", headerList(o.headers)));
  if (o.timeout !== undefined) attributes.push(attr("timeout", toValue(o.timeout)));
  return statement("api.request", attributes, { alias: checkAlias(alias, report) });
}

/** `api.lambda`. */
export function lambda(
  code: string,
  alias: unknown,
  timeout: number | undefined,
  report: Report,
): StatementNode {
  if (typeof code !== "string" || code.includes('"""')) {
    report("SDK_BAD_ARGUMENT", 'lambda() code must be a string without """');
  }
  return statement("api.lambda", [
    attr("code", Object.freeze({ kind: "multiline", text: String(code).trim() })),
    attr("timeout", toValue(timeout ?? 10)),
  ], { alias: checkAlias(alias, report) });
}

/** Checks a table name; reports and returns a placeholder when it is not an identifier. */
export function checkTable(table: unknown, report: Report): string {
  if (typeof table === "string" && IDENTIFIER.test(table)) return table;
  report(
    "SDK_BAD_NAME",
    `Table name ${JSON.stringify(table) ?? String(table)} is not an identifier`,
    'pass the table name as a string, e.g. "user"',
  );
  return typeof table === "string" ? JSON.stringify(table) : "invalid_table";
}

/** Checks a result name (`as $alias`); `undefined` means no result binding. */
export function checkAlias(alias: unknown, report: Report): string | undefined {
  if (alias === undefined || alias === null) return undefined;
  if (typeof alias !== "string" || !IDENTIFIER.test(alias)) {
    report(
      "SDK_BAD_NAME",
      `Result name ${JSON.stringify(alias)} is not a plain identifier`,
      'write it without "$", e.g. "user"',
    );
    return undefined;
  }
  return alias;
}

/** `var $name { value }` / `var.update $name { value }`. */
export function variable(
  keyword: "var" | "var.update",
  name: string,
  value: SdkValue,
  report: Report,
): StatementNode | undefined {
  const head = typeof name === "string" ? name.split(".")[0] : "";
  if (!IDENTIFIER.test(head)) {
    report(
      "SDK_BAD_NAME",
      `Variable name ${JSON.stringify(name)} is not an identifier`,
      'write it without "$", e.g. "total"',
    );
    return undefined;
  }
  return statement(keyword, [attr("value", toValue(value))], { subject: `$${name}` });
}

/** A statement with one `value = …` attribute (`debug.log`, `return`). */
export function valueStatement(keyword: string, value: SdkValue): StatementNode {
  return statement(keyword, [attr("value", toValue(value))]);
}

/** `throw { name  value }`. */
export function throwError(name: string, message: SdkValue): StatementNode {
  return statement("throw", [
    attr("name", stringValue(String(name))),
    attr("value", toValue(message)),
  ]);
}

/** `function.run "<name>" { input } as $alias`. */
export function callFunction(
  name: string,
  input: SdkValue,
  alias: unknown,
  report: Report,
): StatementNode {
  // 11.0.3 rejects `input = {}`: an empty input is written as no block at all
  const empty = input === undefined || input === null ||
    (isPlainObject(input) && Object.keys(input).length === 0);
  return statement("function.run", empty ? [] : [attr("input", toValue(input))], {
    subject: quote(String(name)),
    alias: checkAlias(alias, report),
  });
}

/** `security.create_auth_token { table  id  expiration  extras } as $alias`. */
export function createAuthToken(
  table: string,
  id: SdkValue,
  expiration: SdkValue,
  alias: unknown,
  report: Report,
): StatementNode {
  return statement("security.create_auth_token", [
    attr("table", stringValue(checkTable(table, report))),
    attr("id", toValue(id)),
    attr("expiration", toValue(expiration ?? 86400)),
    attr("extras", toValue({})),
  ], { alias: checkAlias(alias, report) });
}

/** `security.check_password { text_password  hash_password } as $alias`. */
export function verifyPassword(
  plain: SdkValue,
  hash: SdkValue,
  alias: unknown,
  report: Report,
): StatementNode {
  return statement("security.check_password", [
    attr("text_password", toValue(plain)),
    attr("hash_password", toValue(hash)),
  ], { alias: checkAlias(alias, report) });
}

/** `schedule = [...]` rows, or `undefined` (reported) when a row is malformed. */
export function schedule(events: unknown, report: Report): Value | undefined {
  const rows = (Array.isArray(events) ? events : [events]).map(scheduleRow);
  if (rows.some((r) => r === undefined)) {
    report(
      "SDK_BAD_ARGUMENT",
      'A schedule row needs starts_on as "YYYY-MM-DD HH:MM:SS+0000"',
      '{ starts_on: "2025-01-01 02:00:00+0000", freq: 86400 }',
    );
    return undefined;
  }
  return Object.freeze({ kind: "array", items: Object.freeze(rows as Value[]) });
}

/** One `schedule` row; `starts_on` must be `YYYY-MM-DD HH:MM:SS+0000`. */
export function scheduleRow(event: unknown): Value | undefined {
  if (!isPlainObject(event)) return undefined;
  const start = event.starts_on ?? event.startsOn;
  if (typeof start !== "string" || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d{4}$/.test(start)) {
    return undefined;
  }
  const entries: Attribute[] = [attr("starts_on", exprValue(start))];
  for (const [k, v] of Object.entries(event)) {
    if (k === "starts_on" || k === "startsOn") continue;
    entries.push(
      attr(
        k === "endsOn" ? "ends_on" : k,
        k === "ends_on" || k === "endsOn" ? exprValue(String(v)) : toValue(v),
      ),
    );
  }
  return Object.freeze({ kind: "object", entries: Object.freeze(entries) });
}
