/**
 * The CRUD template: a table, its API group and five endpoints — list (paging
 * and sort order), get, create, update (partial), delete — optionally behind
 * auth and scoped to an owner column.
 *
 * @example
 * ```ts
 * const { files } = crudTemplate({
 *   table: "post",
 *   fields: [{ name: "title", type: "text" }, { name: "body", type: "text", required: false }],
 *   apiGroup: "posts",
 *   auth: { table: "user", ownerField: "user_id" },
 * });
 * ```
 * @module
 */

import {
  create,
  createApiGroup,
  createTable,
  type InputOptions,
  type LogicBuilder,
} from "../sdk/mod.ts";
import { collect, type TemplateResult } from "./result.ts";

/** One column of the table (and input of create/update). */
export interface CrudField extends InputOptions {
  readonly name: string;
  readonly type: string;
}

/** Options of {@link crudTemplate}. */
export interface CrudOptions {
  /** Table name (snake_case, singular: `post`). */
  readonly table: string;
  readonly fields: readonly CrudField[];
  /** API group name; also its URL segment. */
  readonly apiGroup: string;
  /** Require sign-in; with `ownerField`, each user sees and changes only their own rows. */
  readonly auth?: { readonly table?: string; readonly ownerField?: string };
  /** Column the list sorts by (default `created_at`). */
  readonly sortField?: string;
  /** Include the `table` and `api_group` documents (default true). */
  readonly includeTable?: boolean;
}

/** Generates the CRUD objects for one table. */
export function crudTemplate(options: CrudOptions): TemplateResult {
  const { table, fields, apiGroup } = options;
  const authTable = options.auth ? options.auth.table ?? "user" : undefined;
  const owner = options.auth?.ownerField;
  const idInput = `${table}_id`;
  const sortField = options.sortField ?? "created_at";
  const itemPath = `${table}s/{${idInput}}`;

  const endpoint = (name: string, verb: string): LogicBuilder => {
    const e = create(name, verb).apiGroup(apiGroup);
    return authTable ? e.requiresAuth(authTable) : e;
  };
  const loadOwned = (e: LogicBuilder): LogicBuilder => {
    const loaded = e.input(idInput, "int", { filters: "min:1" })
      .dbGet(table, { id: `$input.${idInput}` }, table)
      .precondition(`$${table} != null`, `${label(table)} not found`, "notfound");
    return owner
      ? loaded.precondition(`$${table}.${owner} == $auth.id`, `Not your ${table}`, "accessdenied")
      : loaded;
  };

  const page = (where: string | undefined, order: "asc" | "desc") => ({
    ...(where ? { where } : {}),
    sort: { [sortField]: order },
    page: "$input.page",
    perPage: "$input.per_page",
    totals: true,
  });
  const where = owner ? `$db.${table}.${owner} == $auth.id` : undefined;
  const list = endpoint(`${table}s`, "GET")
    .description(`List ${table} records, ${sortField} descending unless order=asc`)
    .input("page", "int", { default: 1, filters: "min:1" })
    .input("per_page", "int", { default: 20, filters: "min:1|max:100" })
    .input("order", "enum", { values: ["asc", "desc"], default: "desc" })
    .conditional('$input.order == "asc"')
    .then((b) => b.dbQuery(table, page(where, "asc"), "items"))
    .else((b) => b.dbQuery(table, page(where, "desc"), "items"))
    .endConditional()
    .response("$items");

  const get = loadOwned(endpoint(itemPath, "GET").description(`Get one ${table}`))
    .response(`$${table}`);

  let add = endpoint(`${table}s`, "POST").description(`Create a ${table}`);
  for (const f of fields) add = add.input(f.name, f.type, inputOptions(f));
  const data: Record<string, string> = {};
  for (const f of fields) data[f.name] = `$input.${f.name}`;
  if (owner) data[owner] = "$auth.id";
  add = add.dbAdd(table, data, table).response(`$${table}`);

  let update = loadOwned(
    endpoint(itemPath, "PATCH").description(`Update a ${table}; omitted fields stay as they are`),
  );
  for (const f of fields) {
    update = update.input(f.name, f.type, {
      ...inputOptions(f),
      required: false,
      default: undefined,
    });
  }
  update = update.var("changes", {});
  for (const f of fields) {
    update = update.conditional(`$input.${f.name} != null`)
      .then((b) => b.varUpdate("changes", `$changes|set:"${f.name}":$input.${f.name}`))
      .endConditional();
  }
  update = update.dbPatch(table, { id: `$input.${idInput}` }, "$changes", "updated")
    .response("$updated");

  const remove = loadOwned(endpoint(itemPath, "DELETE").description(`Delete a ${table}`))
    .dbDelete(table, { id: `$input.${idInput}` })
    .response({ success: true });

  const endpoints = [list, get, add, update, remove];
  if (options.includeTable === false) return collect(apiGroup, endpoints);
  let t = createTable(table)
    .field("id", "int")
    .field("created_at", "timestamp", { default: "now" });
  if (owner) t = t.field(owner, "int", { table: authTable });
  const own = new Set(["id", "created_at", owner]);
  for (const f of fields) if (!own.has(f.name)) t = t.field(f.name, f.type, inputOptions(f));
  t = t.index("btree", [{ name: sortField, op: "desc" }]);
  if (owner) t = t.index("btree", [owner]);
  return collect(apiGroup, [t, createApiGroup(apiGroup), ...endpoints]);
}

function inputOptions(f: CrudField): InputOptions {
  const { name: _name, type: _type, ...rest } = f;
  return rest;
}

function label(table: string): string {
  const words = table.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
