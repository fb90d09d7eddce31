/**
 * Tables written as XanoScript: turning an accepted `table` script into a
 * stored table (columns with types, defaults, enum values and references;
 * indexes), and dropping the data of columns a new schema no longer has.
 * Shared by the table routes and the multidoc push.
 *
 * @module
 */

import type { SandboxContext } from "./context.ts";
import { inputError } from "./errors.ts";
import { field, type FieldType, ID_FIELD } from "./fields.ts";
import type { Field, Row, Table, TableIndex } from "./model.ts";
import type { Mutation } from "./store.ts";
import type { ScriptColumn, ScriptObject } from "./xanoscript.ts";

/** A table before it has an id and timestamps. */
export type TableDraft = Omit<Table, "id" | "workspace_id" | "created_at" | "updated_at">;

const INDEX_TYPES = new Set(["btree", "unique", "search", "spatial", "vector"]);

/**
 * Builds a table from its script. `tableIds` resolves `{ table = "…" }`
 * references (include the table itself and any created alongside it).
 */
export function tableFromScript(
  ctx: SandboxContext,
  object: ScriptObject,
  source: string,
  options: { existing?: Table; tableIds: ReadonlyMap<string, number> },
): TableDraft {
  const { existing } = options;
  const schema = scriptSchema(object.columns ?? [], (name) => {
    const id = options.tableIds.get(name);
    if (id === undefined) {
      throw inputError("schema", `Column references table "${name}", which does not exist`);
    }
    return id;
  });
  const declared = (object.indexes ?? []).filter((i) => INDEX_TYPES.has(i.type));
  for (const index of declared) {
    for (const f of index.fields) {
      if (!schema.some((s) => s.name === f.name)) {
        throw inputError("index", `Index field "${f.name}" is not a column of "${object.name}"`);
      }
    }
  }
  const index: TableIndex[] = [
    { id: 1, type: "primary", fields: [{ name: "id" }] },
    ...declared.map((i, n) => ({
      id: n + 2,
      type: i.type as TableIndex["type"],
      fields: i.fields,
    })),
  ];
  return {
    name: object.name,
    description: object.description ?? "",
    docs: existing?.docs ?? "",
    auth: object.attributes?.auth === "true",
    guid: existing?.guid ?? ctx.ids(),
    tag: existing?.tag ?? [],
    schema,
    index,
    autocomplete: (existing?.autocomplete ?? []).filter((a) =>
      schema.some((f) => f.name === a.name)
    ),
    source,
  };
}

/** Mutations that remove, from every row of `table`, the columns `schema` no longer has. */
export async function dropRemovedColumns(
  ctx: SandboxContext,
  table: Table,
  schema: readonly Field[],
): Promise<Mutation[]> {
  const kept = new Set(schema.map((f) => f.name));
  if (table.schema.every((f) => kept.has(f.name))) return [];
  const mutations: Mutation[] = [];
  for (const source of await ctx.db.datasources(table.workspace_id).list()) {
    const rows = ctx.db.rows(table.workspace_id, table.id, source.label);
    for (const row of await rows.list()) {
      const trimmed = Object.fromEntries(
        Object.entries(row).filter(([k]) => kept.has(k) || k === "id"),
      );
      mutations.push(rows.set(row.id, trimmed as Row));
    }
  }
  return mutations;
}

function scriptSchema(
  columns: readonly ScriptColumn[],
  tableId: (name: string) => number,
): Field[] {
  const schema = columns.map((column) => {
    const reference = column.table === undefined ? undefined : tableId(column.table);
    const type = reference === undefined
      ? column.type
      : column.type === "uuid"
      ? "tablerefuuid"
      : "tableref";
    return field(column.name, type as FieldType, {
      required: !column.optional,
      nullable: column.nullable,
      style: column.list ? "list" : "single",
      default: column.default ?? "",
      description: column.description ?? "",
      sensitive: column.sensitive ?? false,
      ...(column.values ? { values: column.values } : {}),
      ...(reference === undefined ? {} : { tableref_id: reference }),
    });
  });
  return schema.some((f) => f.name === "id") ? schema : [ID_FIELD, ...schema];
}
