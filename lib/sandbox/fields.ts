/**
 * Table schema fields: the types Xano knows, validation of field definitions
 * sent to the schema routes, and coercion of record values against a schema
 * (defaults, required fields, nullability, lists, enums, timestamps).
 *
 * @module
 */

import { z } from "zod";
import { sha256Hex } from "../crypto.ts";
import { FIELD_TYPES, type FieldType } from "../xano/field_types.ts";
import { inputError } from "./errors.ts";
import { parseWith } from "./http.ts";
import type { Field, Row } from "./model.ts";

/** The JSON shape of one field definition; unknown keys are dropped. */
export const fieldInput = z.object({
  name: z.string().regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    "must be an identifier (letters, digits, _)",
  ),
  type: z.enum(FIELD_TYPES),
  description: z.string().optional(),
  nullable: z.boolean().optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  required: z.boolean().optional(),
  access: z.enum(["public", "private", "internal"]).optional(),
  sensitive: z.boolean().optional(),
  style: z.enum(["single", "list"]).optional(),
  values: z.array(z.string()).optional(),
  tableref_id: z.number().int().positive().optional(),
  format: z.string().optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  vector: z.object({ size: z.number().int().positive() }).optional(),
  children: z.array(z.unknown()).optional(),
});

/**
 * Validates one field definition into a stored {@link Field}.
 *
 * @example
 * ```ts
 * normaliseField({ name: "price", type: "decimal" }, "schema[2]");
 * ```
 */
export function normaliseField(raw: unknown, param: string): Field {
  const input = parseWith(fieldInput, raw);
  if (input.type === "enum" && (input.values ?? []).length === 0) {
    throw inputError(`${param}.values`, `Enum field "${input.name}" needs "values"`);
  }
  if (input.type === "tableref" && input.tableref_id === undefined) {
    throw inputError(`${param}.tableref_id`, `Table reference "${input.name}" needs "tableref_id"`);
  }
  const { name, type, description, nullable, required, access, sensitive, style, ...extras } =
    input;
  const field: Field = {
    ...extras,
    name,
    type,
    description: description ?? "",
    nullable: nullable ?? false,
    default: input.default === undefined ? "" : String(input.default),
    required: required ?? false,
    access: access ?? "public",
    sensitive: sensitive ?? false,
    style: style ?? "single",
  };
  if (field.default !== "") coerceValue(field, field.default, `${param}.default`, 0);
  return field;
}

/** Validates a whole schema: unique names, an `int id` primary key first. */
export function normaliseSchema(raw: unknown, param = "schema"): Field[] {
  if (!Array.isArray(raw)) throw inputError(param, `"${param}" must be an array of fields`);
  const fields = raw.map((f, i) => normaliseField(f, `${param}[${i}]`));
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) throw inputError(param, `Field "${field.name}" appears twice`);
    seen.add(field.name);
  }
  const id = fields.find((f) => f.name === "id");
  if (!id) return [ID_FIELD, ...fields];
  if (id.type !== "int" && id.type !== "uuid") {
    throw inputError(param, `Field "id" must be of type int or uuid`);
  }
  return [id, ...fields.filter((f) => f !== id)];
}

/** The primary key every table starts with. */
export const ID_FIELD: Field = field("id", "int", { required: true });

/** A new table's default schema: `id` and `created_at`. */
export const DEFAULT_SCHEMA: readonly Field[] = [
  ID_FIELD,
  field("created_at", "timestamp", { default: "now" }),
];

/** Builds a field with Xano's defaults; for seeds and tests. */
export function field(name: string, type: FieldType, extra: Partial<Field> = {}): Field {
  return {
    name,
    type,
    description: "",
    nullable: false,
    default: "",
    required: false,
    access: "public",
    sensitive: false,
    style: "single",
    ...extra,
  };
}

/**
 * Coerces a record body against the schema. On create, missing fields take
 * their default (or `null`); required fields without a default are an input
 * error. On update (`partial`), only the given fields change. Keys that are
 * not columns are ignored, as Xano does.
 */
export async function coerceRow(
  schema: readonly Field[],
  body: Readonly<Record<string, unknown>>,
  options: { now: number; partial: boolean; param?: string },
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const f of schema) {
    if (f.name === "id") continue;
    const param = options.param ? `${options.param}.${f.name}` : f.name;
    if (f.name in body) {
      out[f.name] = await finish(f, coerceValue(f, body[f.name], param, options.now));
    } else if (!options.partial) {
      if (f.default !== "") {
        out[f.name] = await finish(f, coerceValue(f, f.default, param, options.now));
      } else if (f.required) throw inputError(param, `Missing param: ${f.name}`);
      else out[f.name] = f.style === "list" ? [] : null;
    }
  }
  return out;
}

/** A stored row as the content routes show it: every column, in schema order. */
export function presentRow(schema: readonly Field[], row: Row): Row {
  const out: Record<string, unknown> = { id: row.id };
  for (const f of schema) if (f.name !== "id") out[f.name] = row[f.name] ?? null;
  return out as Row;
}

async function finish(f: Field, value: unknown): Promise<unknown> {
  if (f.type !== "password" || typeof value !== "string" || value.startsWith("sha256$")) {
    return value;
  }
  return `sha256$${await sha256Hex(value)}`;
}

/** Coerces one value to the field's type, or throws an input error naming `param`. */
export function coerceValue(f: Field, value: unknown, param: string, now: number): unknown {
  if (value === null) {
    if (f.nullable || !f.required) return null;
    throw inputError(param, `"${f.name}" cannot be null`);
  }
  if (f.style === "list") {
    if (!Array.isArray(value)) throw inputError(param, `"${f.name}" must be a list`);
    return value.map((v, i) => coerceScalar(f, v, `${param}[${i}]`, now));
  }
  return coerceScalar(f, value, param, now);
}

function coerceScalar(f: Field, value: unknown, param: string, now: number): unknown {
  const fail = (what: string) =>
    inputError(param, `"${f.name}" must be ${what}, got ${JSON.stringify(value)}`);
  switch (f.type) {
    case "int":
    case "tableref": {
      const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      if (typeof n !== "number" || !Number.isSafeInteger(n)) throw fail("a whole number");
      return n;
    }
    case "decimal": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n !== "number" || !Number.isFinite(n)) throw fail("a number");
      return n;
    }
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === 1) return true;
      if (value === "false" || value === 0) return false;
      throw fail("true or false");
    case "timestamp": {
      if (value === "now") return now;
      if (typeof value === "number" && Number.isFinite(value)) return Math.round(value);
      const ms = typeof value === "string" ? Date.parse(value) : NaN;
      if (Number.isNaN(ms)) throw fail("a timestamp (epoch ms or ISO 8601)");
      return ms;
    }
    case "date":
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        throw fail("a date YYYY-MM-DD");
      }
      return value;
    case "email":
      if (typeof value !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
        throw fail("an email");
      }
      return value;
    case "uuid":
    case "tablerefuuid":
      if (
        typeof value !== "string" ||
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
      ) {
        throw fail("a UUID");
      }
      return value;
    case "enum": {
      const values = Array.isArray(f.values) ? f.values as string[] : [];
      if (typeof value !== "string" || !values.includes(value)) {
        throw fail(`one of ${values.join(", ")}`);
      }
      return value;
    }
    case "text":
    case "password":
      if (typeof value !== "string") throw fail("text");
      return value;
    case "vector":
      if (!Array.isArray(value) || !value.every((v) => typeof v === "number")) {
        throw fail("a list of numbers");
      }
      return value;
    case "object":
      if (typeof value !== "object" || Array.isArray(value)) throw fail("an object");
      return value;
    default:
      return value;
  }
}

export { FIELD_TYPES, type FieldType };
