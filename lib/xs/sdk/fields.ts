/**
 * Input and schema field lines: `<type>[?] <name>[?][?=default] filters=… { … }`.
 *
 * @module
 */

import type { Attribute, FieldNode } from "./ast.ts";
import { IDENTIFIER, isFieldType } from "./names.ts";
import type { Report } from "./statements.ts";
import { checkKeys } from "./statements.ts";
import { exprValue, type SdkValue, stringValue, toValue, type Value } from "./values.ts";

function defaultValue(type: string, value: SdkValue): Value {
  if (value === "now" && (type === "timestamp" || type === "date")) return exprValue("now");
  return toValue(value);
}

/** Options of `.input()` and `.field()`. */
export interface InputOptions {
  /** Default true; false adds `?` after the name. */
  readonly required?: boolean;
  readonly default?: SdkValue;
  /** Adds `?` after the type. */
  readonly nullable?: boolean;
  /** `"trim|lower"` or `["trim", "lower"]`. */
  readonly filters?: string | readonly string[];
  readonly description?: string;
  readonly sensitive?: boolean;
  /** Foreign-key table. */
  readonly table?: string;
  /** Enum values. */
  readonly values?: readonly string[];
}

const KEYS = [
  "required",
  "default",
  "nullable",
  "filters",
  "description",
  "sensitive",
  "table",
  "values",
];

/** Builds a field line, reporting unknown types, names and options. */
export function inputField(
  name: string,
  type: string,
  options: InputOptions | undefined,
  report: Report,
): FieldNode | undefined {
  if (typeof name !== "string" || !IDENTIFIER.test(name)) {
    report("SDK_BAD_NAME", `Field name ${JSON.stringify(name)} is not an identifier`);
    return undefined;
  }
  if (typeof type !== "string" || !isFieldType(type)) {
    report(
      "SDK_UNKNOWN_TYPE",
      `Type ${JSON.stringify(type)} of "${name}" is not a XanoScript type`,
      "use int, decimal, text, bool, email, password, timestamp, date, json, enum, uuid, …",
    );
    return undefined;
  }
  checkKeys("input", options, KEYS, report);
  const o: InputOptions = options ?? {};
  const d = o.default;
  if (d !== undefined && d !== null && typeof d === "object") {
    report("SDK_BAD_ARGUMENT", `Default of "${name}" must be a string, number or boolean`);
  }
  const attributes: Attribute[] = [];
  if (o.description !== undefined) {
    attributes.push(["description", stringValue(String(o.description))]);
  }
  if (o.sensitive) attributes.push(["sensitive", toValue(true)]);
  if (o.table !== undefined) attributes.push(["table", stringValue(String(o.table))]);
  if (type === "enum") {
    if (!Array.isArray(o.values) || o.values.length === 0) {
      report("SDK_BAD_ARGUMENT", `Enum "${name}" needs values: ["a", "b"]`);
    } else attributes.push(["values", toValue(o.values.map(String))]);
  } else if (o.values !== undefined) {
    report("SDK_BAD_ARGUMENT", `Only an enum has values ("${name}" is ${type})`);
  }
  const filters = Array.isArray(o.filters) ? o.filters.join("|") : o.filters;
  const scalarDefault = d !== undefined && (d === null || typeof d !== "object");
  return Object.freeze({
    kind: "field",
    type,
    name,
    optional: o.required === false || scalarDefault,
    nullable: o.nullable === true,
    ...(scalarDefault ? { default: defaultValue(type, d as SdkValue) } : {}),
    ...(filters ? { filters: String(filters) } : {}),
    attributes: Object.freeze(attributes.map((a) => Object.freeze(a))),
  });
}
