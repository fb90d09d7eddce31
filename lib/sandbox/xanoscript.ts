/**
 * The XanoScript gate: the one place create/update routes ask whether a
 * `text/x-xanoscript` body is acceptable and what object it describes. It
 * accepts exactly what the `lib/xs` validator (Xano's 11.0.3 grammar)
 * accepts; a rejection is a 400 whose message and payload carry the line and
 * column of the first error.
 *
 * @module
 */

import { isValid, parseXanoScript, splitMultidoc, summarizeXanoScript } from "../xs/mod.ts";
import type { Diagnostic, XsExpr, XsItem, XsObject } from "../xs/mod.ts";
import { XanoError } from "./errors.ts";

/** One input or schema field, as the script declares it. */
export interface ScriptField {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly list: boolean;
}

/** The object a valid script declares. */
export interface ScriptObject {
  /** First word of the script: `query`, `function`, `table`, `task`, `api_group`, … */
  readonly kind: string;
  readonly name: string;
  readonly verb?: string;
  readonly apiGroup?: string;
  readonly auth?: string;
  readonly description?: string;
  readonly inputs?: readonly ScriptField[];
  readonly fields?: readonly ScriptField[];
  /** Top-level attributes with literal values (`canonical`, `active`, `auth`, …), as text. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Table columns with what the summary leaves out: defaults, enum values, references. */
  readonly columns?: readonly ScriptColumn[];
  /** Table indexes from `index = [{type: "btree", field: [{name: "x", op: "asc"}]}]`. */
  readonly indexes?: readonly ScriptIndex[];
}

/** A table index as its script declares it (`btree|unique` reads as `unique`). */
export interface ScriptIndex {
  readonly type: string;
  readonly fields: readonly { readonly name: string; readonly op?: string }[];
}

/** A table column as its script declares it. */
export interface ScriptColumn extends ScriptField {
  readonly default?: string;
  readonly values?: readonly string[];
  /** Referenced table, from `{ table = "…" }`. */
  readonly table?: string;
  readonly description?: string;
  readonly sensitive?: boolean;
}

/** One object of a multidoc, with its own source text. */
export interface ScriptDocument {
  readonly object: ScriptObject;
  readonly source: string;
}

/** Accepts or refuses XanoScript sources. */
export interface XanoScriptGate {
  /**
   * Returns the one object `source` declares, or throws a Xano-style 400
   * with line and column for an invalid script, several objects, or an
   * object of a kind other than `kinds`.
   */
  accept(source: string, kinds: readonly string[]): ScriptObject;
  /** Validates a multidoc and returns its objects in order, or throws like {@link accept}. */
  acceptMany(source: string): ScriptDocument[];
}

/** The gate backed by the `lib/xs` validator. */
export function validatorGate(): XanoScriptGate {
  return {
    accept(source, kinds) {
      const documents = this.acceptMany(source);
      if (documents.length !== 1) {
        throw scriptError(
          `Expected one object, found ${documents.length}: push several with POST …/multidoc`,
          1,
          1,
        );
      }
      const object = documents[0].object;
      if (!kinds.includes(object.kind)) {
        throw scriptError(
          `Expected a ${kinds.map((k) => `"${k}"`).join(" or ")} script here, got "${object.kind}"`,
          1,
          1,
        );
      }
      return object;
    },
    acceptMany(source) {
      if (source.trim() === "") throw scriptError("The XanoScript body is empty", 1, 1);
      const { objects, diagnostics } = summarizeXanoScript(source);
      if (!isValid(diagnostics)) throw invalid(diagnostics);
      const slices = splitMultidoc(source).filter((s, _, all) =>
        all.length === 1 || s.text.trim() !== ""
      );
      if (slices.length !== objects.length) {
        throw scriptError("Every document of a multidoc must declare one object", 1, 1);
      }
      return objects.map((object, i) => {
        const text = slices[i].text.trim();
        return { object: { ...object, ...details(text) }, source: text };
      });
    },
  };
}

/** Reads literal attributes and table columns from the object's syntax tree. */
function details(source: string): Pick<ScriptObject, "attributes" | "columns" | "indexes"> {
  const object: XsObject | undefined = parseXanoScript(source).document.objects[0];
  if (!object) return {};
  const attributes: Record<string, string> = {};
  for (const item of object.body) {
    if (item.kind !== "attribute") continue;
    const value = literal(item.value);
    if (value !== undefined) attributes[item.name] = value;
  }
  const indexAttribute = object.body.find((i) => i.kind === "attribute" && i.name === "index");
  const indexes = indexAttribute?.kind === "attribute" ? indexesOf(indexAttribute.value) : [];
  const schema = object.body.find((i) => i.kind === "block" && i.keyword === "schema");
  if (!schema || schema.kind !== "block") return { attributes, indexes };
  const columns: ScriptColumn[] = [];
  for (const item of schema.body ?? []) {
    if (item.kind !== "field" || item.type === "dblink") continue;
    const attrs = new Map((item.body ?? []).filter(isAttribute).map((a) => [a.name, a.value]));
    const values = attrs.get("values");
    columns.push({
      name: item.name,
      type: item.type,
      optional: item.optional || item.default !== undefined,
      nullable: item.nullable,
      list: item.list !== undefined,
      ...(item.default === undefined ? {} : { default: unquote(item.default) }),
      ...(values?.kind === "unit" && values.atom.kind === "array"
        ? { values: values.atom.items.map(literal).filter((v) => v !== undefined) }
        : {}),
      ...(attrs.has("table") ? { table: literal(attrs.get("table")!) } : {}),
      ...(attrs.has("description") ? { description: literal(attrs.get("description")!) } : {}),
      ...(attrs.has("sensitive") ? { sensitive: literal(attrs.get("sensitive")!) === "true" } : {}),
    });
  }
  return { attributes, columns, indexes };
}

function indexesOf(value: XsExpr): ScriptIndex[] {
  if (value.kind !== "unit" || value.atom.kind !== "array") return [];
  const out: ScriptIndex[] = [];
  for (const item of value.atom.items) {
    const entries = entriesOf(item);
    const type = entries.get("type");
    const fields = entries.get("field");
    if (!type || !fields || fields.kind !== "unit" || fields.atom.kind !== "array") continue;
    const typeText = literal(type);
    if (typeText === undefined) continue;
    out.push({
      type: typeText === "btree|unique" ? "unique" : typeText,
      fields: fields.atom.items.flatMap((f) => {
        const parts = entriesOf(f);
        const name = parts.get("name") && literal(parts.get("name")!);
        const op = parts.get("op") && literal(parts.get("op")!);
        return name === undefined ? [] : [{ name, ...(op ? { op } : {}) }];
      }),
    });
  }
  return out;
}

function entriesOf(expr: XsExpr): Map<string, XsExpr> {
  if (expr.kind !== "unit" || expr.atom.kind !== "object") return new Map();
  return new Map(expr.atom.entries.map((e) => [e.key.replace(/^["']|["']$/g, ""), e.value]));
}

function isAttribute(item: XsItem): item is Extract<XsItem, { kind: "attribute" }> {
  return item.kind === "attribute";
}

function literal(expr: XsExpr): string | undefined {
  if (expr.kind !== "unit" || expr.atom.kind !== "literal" || expr.filters.length > 0) {
    return undefined;
  }
  return unquote(expr.atom.raw);
}

function unquote(raw: string): string {
  if (raw.startsWith('"""')) return raw.slice(3, -3).trim();
  if (raw.startsWith('"') || raw.startsWith("'")) {
    try {
      return JSON.parse(raw.startsWith("'") ? `"${raw.slice(1, -1).replaceAll('"', '\\"')}"` : raw);
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw;
}

function invalid(diagnostics: readonly Diagnostic[]): XanoError {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return new XanoError(
    400,
    "ERROR_CODE_BAD_REQUEST",
    `Invalid XanoScript at line ${first.line}, column ${first.column}: ${first.message}${more}`,
    {
      payload: {
        line: first.line,
        column: first.column,
        errors: errors.slice(0, 20).map((d) => ({
          line: d.line,
          column: d.column,
          code: d.code,
          message: d.message,
        })),
      },
    },
  );
}

function scriptError(message: string, line: number, column: number): XanoError {
  return new XanoError(
    400,
    "ERROR_CODE_BAD_REQUEST",
    `Invalid XanoScript at line ${line}, column ${column}: ${message}`,
    { payload: { line, column, errors: [{ line, column, code: "XS_OBJECT", message }] } },
  );
}
