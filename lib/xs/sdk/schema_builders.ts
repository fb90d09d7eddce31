/**
 * Immutable builders for `table` and `api_group` documents.
 *
 * @module
 */

import type { Diagnostic } from "../diagnostics.ts";
import type { ApiGroupDocument, Attribute, FieldNode, TableDocument } from "./ast.ts";
import type { BuildResult } from "./builder.ts";
import { diagnostic, locate } from "./diagnostic.ts";
import { inputField, type InputOptions } from "./fields.ts";
import { printDocument } from "./print.ts";
import { stringValue, toValue, type Value } from "./values.ts";

interface TableState {
  readonly name: string;
  readonly settings: readonly Attribute[];
  readonly schema: readonly FieldNode[];
  readonly index: readonly Value[];
  readonly diagnostics: readonly Diagnostic[];
}

const INDEX_TYPES = ["primary", "btree", "btree|unique", "gin", "search", "vector"];

/** Builder of a `table` document; an `int id` column and primary index are added when missing. */
export class TableBuilder {
  readonly #state: TableState;

  /** Use {@link createTable}. */
  constructor(state: TableState) {
    this.#state = Object.freeze(state);
  }

  /** The table name. */
  get name(): string {
    return this.#state.name;
  }

  #with(patch: Partial<TableState>): TableBuilder {
    return new TableBuilder({ ...this.#state, ...patch });
  }

  #setting(name: string, value: Value): TableBuilder {
    const settings = this.#state.settings.filter(([n]) => n !== name);
    return this.#with({ settings: [...settings, Object.freeze([name, value] as const)] });
  }

  /** Diagnostics collected so far (line 0 = not yet tied to a source position). */
  get diagnostics(): readonly Diagnostic[] {
    return this.#state.diagnostics;
  }

  /** Ties diagnostics without a position to `line:column` (used by the translator). */
  atSource(line: number, column: number): TableBuilder {
    return this.#with({ diagnostics: locate(this.#state.diagnostics, line, column) });
  }

  /** `auth = true`: the table holds users that can sign in. */
  auth(enabled = true): TableBuilder {
    return this.#setting("auth", toValue(enabled !== false));
  }

  /** `description = "…"`. */
  description(text: string): TableBuilder {
    return this.#setting("description", stringValue(String(text)));
  }

  /** One column in `schema { … }` (same options as `.input()`). */
  field(name: string, type: string, options?: InputOptions): TableBuilder {
    const issues: Diagnostic[] = [];
    const field = inputField(name, type, options, (code, message, fix) => {
      issues.push(diagnostic(code, message, { fix }));
    });
    return this.#with({
      schema: field ? [...this.#state.schema, field] : this.#state.schema,
      diagnostics: [...this.#state.diagnostics, ...issues],
    });
  }

  /** One index: `.index("btree|unique", ["email"])` or with `{name, op}` items. */
  index(type: string, fields: readonly (string | { name: string; op?: string })[]): TableBuilder {
    if (!INDEX_TYPES.includes(type)) {
      return this.#with({
        diagnostics: [
          ...this.#state.diagnostics,
          diagnostic("SDK_BAD_ARGUMENT", `Index type "${type}" is unknown`, {
            fix: INDEX_TYPES.join(", "),
          }),
        ],
      });
    }
    const list = (Array.isArray(fields) ? fields : [fields]).map((f) =>
      typeof f === "string" ? { name: f } : f
    );
    return this.#with({ index: [...this.#state.index, toValue({ type, field: list })] });
  }

  /** The frozen document. */
  document(): TableDocument {
    const s = this.#state;
    const hasId = s.schema.some((f) => f.name === "id");
    const id: FieldNode = Object.freeze({
      kind: "field",
      type: "int",
      name: "id",
      optional: false,
      nullable: false,
      attributes: [],
    });
    const hasPrimary = s.index.some((v) =>
      v.kind === "object" && v.entries.some(([k, x]) =>
        k === "type" && x.kind === "string" &&
        x.value === "primary"
      )
    );
    const primary = toValue({ type: "primary", field: [{ name: "id" }] });
    return Object.freeze({
      kind: "table",
      name: s.name,
      settings: s.settings,
      schema: hasId ? s.schema : [id, ...s.schema],
      index: hasPrimary ? s.index : [primary, ...s.index],
    });
  }

  /** The finished document and its diagnostics (positionless ones at line 0). */
  finish(): { readonly document: TableDocument; readonly diagnostics: readonly Diagnostic[] } {
    return { document: this.document(), diagnostics: this.#state.diagnostics };
  }

  /** Prints the XanoScript. */
  build(): BuildResult {
    return Object.freeze({
      script: printDocument(this.document()),
      diagnostics: locate(this.#state.diagnostics, 1, 1),
      fixes: [],
    });
  }
}

/** Starts a table. */
export function createTable(name: string): TableBuilder {
  const diagnostics = typeof name === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? []
    : [diagnostic("SDK_BAD_NAME", `Table name ${JSON.stringify(name)} is not an identifier`)];
  return new TableBuilder({ name: String(name), settings: [], schema: [], index: [], diagnostics });
}

/** Builder of an `api_group` document. */
export class ApiGroupBuilder {
  readonly #name: string;
  readonly #settings: readonly Attribute[];

  /** Use {@link createApiGroup}. */
  constructor(name: string, settings: readonly Attribute[]) {
    this.#name = name;
    this.#settings = Object.freeze([...settings]);
  }

  /** The group name. */
  get name(): string {
    return this.#name;
  }

  #set(name: string, value: Value): ApiGroupBuilder {
    return new ApiGroupBuilder(this.#name, [
      ...this.#settings.filter(([n]) => n !== name),
      Object.freeze([name, value] as const),
    ]);
  }

  /** Always empty: every API group argument is accepted. */
  get diagnostics(): readonly Diagnostic[] {
    return [];
  }

  /** No diagnostics to place; returns the same builder. */
  atSource(_line: number, _column: number): ApiGroupBuilder {
    return this;
  }

  /** `description = "…"`. */
  description(text: string): ApiGroupBuilder {
    return this.#set("description", stringValue(String(text)));
  }

  /** `canonical = "…"`: the URL segment (`/api:<canonical>`). */
  canonical(segment: string): ApiGroupBuilder {
    return this.#set("canonical", stringValue(String(segment)));
  }

  /** `tags = […]`. */
  tags(tags: readonly string[]): ApiGroupBuilder {
    return this.#set("tags", toValue([...tags].map(String)));
  }

  /** The frozen document; `canonical` comes first. */
  document(): ApiGroupDocument {
    const ordered = [...this.#settings].sort((a, b) =>
      (a[0] === "canonical" ? 0 : 1) - (b[0] === "canonical" ? 0 : 1)
    );
    return Object.freeze({ kind: "api_group", name: this.#name, settings: ordered });
  }

  /** The finished document; an API group has no diagnostics. */
  finish(): { readonly document: ApiGroupDocument; readonly diagnostics: readonly Diagnostic[] } {
    return { document: this.document(), diagnostics: [] };
  }

  /** Prints the XanoScript. */
  build(): BuildResult {
    return Object.freeze({ script: printDocument(this.document()), diagnostics: [], fixes: [] });
  }
}

/** Turns a group name into a URL segment: `"My Posts"` → `"my-posts"`. */
export function canonicalOf(name: string): string {
  return String(name).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "api";
}

/** Starts an API group; `canonical` defaults to the name in kebab case. */
export function createApiGroup(name: string, canonical?: string): ApiGroupBuilder {
  return new ApiGroupBuilder(String(name), [[
    "canonical",
    stringValue(canonical ?? canonicalOf(name)),
  ]]);
}
