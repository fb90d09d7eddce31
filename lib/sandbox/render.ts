/**
 * Prints XanoScript for objects created through JSON (tables, empty
 * endpoints, functions, tasks, API groups), so `include_xanoscript=true` and
 * the multidoc export have source for everything, as Xano does. Objects
 * written as XanoScript keep their own source instead.
 *
 * @module
 */

import { field as fieldWithDefaults } from "./fields.ts";
import type { FieldType } from "../xano/field_types.ts";
import type { ApiGroup, Field, Logic, Table } from "./model.ts";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An object name as XanoScript writes it: bare when an identifier, else quoted. */
export function scriptName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/**
 * Prints a table with its schema and indexes.
 *
 * @example
 * ```ts
 * renderTable(table); // "table products {\n  auth = false\n …"
 * ```
 */
export function renderTable(table: Table, tableNames: ReadonlyMap<number, string>): string {
  const lines = [`table ${scriptName(table.name)} {`, `  auth = ${table.auth}`];
  if (table.description) lines.push(`  description = ${JSON.stringify(table.description)}`);
  lines.push("", "  schema {");
  table.schema.forEach((field, i) => {
    const block = renderField(field, tableNames);
    if (block.length > 1 && i > 0 && lines.at(-1) !== "") lines.push("");
    lines.push(...block.map((line) => `    ${line}`));
    if (block.length > 1 && i < table.schema.length - 1) lines.push("");
  });
  lines.push("  }");
  if (table.index.length > 0) {
    lines.push("", "  index = [");
    for (const index of table.index) {
      const type = index.type === "unique" ? "btree|unique" : index.type;
      const fields = index.fields.map((f) =>
        f.op
          ? `{name: ${JSON.stringify(f.name)}, op: ${JSON.stringify(f.op)}}`
          : `{name: ${JSON.stringify(f.name)}}`
      );
      lines.push(`    {type: ${JSON.stringify(type)}, field: [${fields.join(", ")}]}`);
    }
    lines.push("  ]");
  }
  lines.push("}");
  return lines.join("\n");
}

function renderField(field: Field, tableNames: ReadonlyMap<number, string>): string[] {
  let type = field.type;
  const attributes: string[] = [];
  if (type === "tableref" || type === "tablerefuuid") {
    type = type === "tableref" ? "int" : "uuid";
    const target = tableNames.get(Number(field.tableref_id));
    if (target) attributes.push(`table = ${JSON.stringify(target)}`);
  }
  if (type === "enum") {
    const values = Array.isArray(field.values) ? field.values : [];
    attributes.push(`values = ${JSON.stringify(values).replaceAll('","', '", "')}`);
  }
  if (type === "vector") {
    const size = (field.vector as { size?: unknown } | undefined)?.size;
    if (typeof size === "number") attributes.push(`size = ${size}`);
  }
  if (field.description) attributes.push(`description = ${JSON.stringify(field.description)}`);
  if (field.sensitive) attributes.push("sensitive = true");
  if (type === "object") {
    const children = (Array.isArray(field.children) ? field.children : []).filter(isFieldLike);
    attributes.push(
      "schema {",
      ...children.flatMap((child) => renderField(asField(child), tableNames)).map((l) => `  ${l}`),
      "}",
    );
  }
  const list = field.style === "list" ? "[]" : "";
  const nullable = field.nullable ? "?" : "";
  let name = scriptName(field.name);
  if (field.default !== "" && field.name !== "id") name += `?=${defaultLiteral(field)}`;
  else if (!field.required && field.name !== "id") name += "?";
  const head = `${type}${list}${nullable} ${name}`;
  if (attributes.length === 0) return [head];
  return [`${head} {`, ...attributes.map((a) => `  ${a}`), "}"];
}

function isFieldLike(value: unknown): value is { name: string; type: string } {
  return typeof value === "object" && value !== null &&
    typeof (value as { name?: unknown }).name === "string" &&
    typeof (value as { type?: unknown }).type === "string";
}

function asField(value: { name: string; type: string }): Field {
  return fieldWithDefaults(value.name, value.type as FieldType, value as Partial<Field>);
}

function defaultLiteral(field: Field): string {
  const value = field.default;
  if (field.type === "timestamp" && value === "now") return "now";
  if (["int", "decimal"].includes(field.type) && /^-?\d+(\.\d+)?$/.test(value)) return value;
  if (field.type === "bool" && (value === "true" || value === "false")) return value;
  return JSON.stringify(value);
}

/** Prints an API group. */
export function renderApiGroup(group: ApiGroup): string {
  const lines = [
    `api_group ${scriptName(group.name)} {`,
    `  canonical = ${JSON.stringify(group.canonical)}`,
  ];
  if (group.description) lines.push(`  description = ${JSON.stringify(group.description)}`);
  lines.push("}");
  return lines.join("\n");
}

/** Prints an endpoint, function or task that was created empty through JSON. */
export function renderLogic(logic: Logic, groupName?: string): string {
  const lines: string[] = [];
  const description = logic.description
    ? [`  description = ${JSON.stringify(logic.description)}`]
    : [];
  if (logic.kind === "task") {
    lines.push(`task ${scriptName(logic.name)} {`, ...description);
    lines.push(`  active = ${logic.active ?? false}`, "", "  stack {", "  }", "}");
    return lines.join("\n");
  }
  if (logic.kind === "api") {
    lines.push(`query ${scriptName(logic.name)} verb=${logic.verb ?? "GET"} {`);
    if (groupName) lines.push(`  api_group = ${JSON.stringify(groupName)}`);
    if (logic.auth) lines.push(`  auth = ${JSON.stringify(logic.auth)}`);
  } else {
    lines.push(`function ${scriptName(logic.name)} {`);
  }
  lines.push(...description, "", "  input {", "  }", "", "  stack {", "  }", "");
  lines.push("  response = null", "}");
  return lines.join("\n");
}
