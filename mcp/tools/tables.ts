/**
 * Toolset "tables": list, inspect, create, change and delete database tables.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { fail, ok } from "../result.ts";
import {
  brief,
  compactField,
  cursorArg,
  DESTROY,
  fieldOutput,
  limitArg,
  listScope,
  moreLine,
  numericId,
  pageInfo,
  pageOutput,
  READ,
  resolveWorkspace,
  workspaceArg,
  WRITE,
  type XanoToolDeps,
} from "./_shared.ts";

const tableId = z.number().int().positive().describe("Table id from xano_list_tables");
const tableName = z.string().min(1).max(100).regex(
  /^[A-Za-z_][A-Za-z0-9_]*$/,
  "letters, digits and _ only",
);
const tableOutput = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().optional(),
});

export const listTables = defineTool({
  name: "xano_list_tables",
  toolset: "tables",
  title: "List tables",
  description:
    "Lists the tables of a workspace: id, name and a one-line description, paginated. Use search to filter by name. Follow with xano_get_table_schema for fields.",
  input: {
    workspace_id: workspaceArg,
    search: z.string().max(100).optional().describe("Only tables whose name contains this"),
    cursor: cursorArg,
    limit: limitArg(200, 50),
  },
  output: { tables: z.array(tableOutput), ...pageOutput },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const scope = listScope(deps, args);
    if (!scope.ok) return scope;
    const { ws, page } = scope;
    const result = await deps.xano.listTables(ws, {
      page,
      perPage: args.limit ?? 50,
      search: args.search,
    });
    const tables = result.items.map((t) => ({
      id: numericId(t.id),
      name: String(t.name ?? t.id),
      ...(brief(t.description) ? { description: brief(t.description) } : {}),
    }));
    const lines = tables.map((t) =>
      `- ${t.id}: ${t.name}${t.description ? ` — ${t.description}` : ""}`
    );
    return ok(
      { tables, ...pageInfo(result) },
      `${tables.length} table(s) in workspace ${ws}\n${lines.join("\n")}${moreLine(result)}`,
    );
  },
});

export const getTableDetails = defineTool({
  name: "xano_get_table_details",
  toolset: "tables",
  title: "Get table details",
  description:
    "Shows one table: name, description, whether it is an auth table, and its fields in compact form.",
  input: { workspace_id: workspaceArg, table_id: tableId },
  output: {
    table: z.object({
      id: z.number(),
      name: z.string(),
      description: z.string().optional(),
      auth: z.boolean().optional(),
      fields: z.array(fieldOutput),
    }),
  },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const [raw, schema] = await Promise.all([
      deps.xano.getTable(ws, args.table_id),
      deps.xano.getSchema(ws, args.table_id),
    ]);
    const fields = schema.map(compactField);
    const table = {
      id: numericId(raw.id),
      name: String(raw.name ?? raw.id),
      ...(brief(raw.description, 200) ? { description: brief(raw.description, 200) } : {}),
      ...(typeof raw.auth === "boolean" ? { auth: raw.auth } : {}),
      fields,
    };
    const text = `Table ${table.id}: ${table.name}${table.auth ? " (auth)" : ""}\nFields: ${
      fields.map((f) => `${f.name}:${f.type}${f.nullable ? "?" : ""}`).join(", ")
    }`;
    return ok({ table }, text);
  },
});

export const createTable = defineTool({
  name: "xano_create_table",
  toolset: "tables",
  title: "Create a table",
  description:
    "Creates an empty table (Xano adds id and created_at). Then add fields with xano_add_field_to_schema. Set auth true for a users table that signs people in.",
  input: {
    workspace_id: workspaceArg,
    name: tableName.describe("Table name, snake_case, e.g. order_items"),
    description: z.string().max(500).optional(),
    auth: z.boolean().optional().describe("True for a table used for authentication"),
  },
  output: { table_id: z.number(), name: z.string() },
  annotations: WRITE,
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const created = await deps.xano.createTable(ws, {
      name: args.name,
      ...(args.description ? { description: args.description } : {}),
      ...(args.auth === undefined ? {} : { auth: args.auth }),
    });
    const id = numericId(created.id);
    return ok(
      { table_id: id, name: args.name },
      `Created table ${id}: ${args.name}. Next: add fields with xano_add_field_to_schema`,
    );
  },
});

export const updateTable = defineTool({
  name: "xano_update_table",
  toolset: "tables",
  title: "Update a table",
  description:
    "Renames a table or changes its description or auth flag. Fields are changed with the schema tools.",
  input: {
    workspace_id: workspaceArg,
    table_id: tableId,
    name: tableName.optional(),
    description: z.string().max(500).optional(),
    auth: z.boolean().optional(),
  },
  output: { table_id: z.number(), changed: z.array(z.string()) },
  annotations: { ...WRITE, idempotentHint: true },
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const meta = Object.fromEntries(
      (["name", "description", "auth"] as const).filter((k) => args[k] !== undefined).map((
        k,
      ) => [k, args[k]]),
    );
    const changed = Object.keys(meta);
    if (changed.length === 0) return fail("Nothing to change", "Pass name, description or auth");
    await deps.xano.updateTableMeta(ws, args.table_id, meta);
    return ok(
      { table_id: args.table_id, changed },
      `Updated table ${args.table_id}: ${changed.join(", ")}`,
    );
  },
});

export const deleteTable = defineTool({
  name: "xano_delete_table",
  toolset: "tables",
  title: "Delete a table",
  description:
    "Deletes a table and ALL its records. Irreversible. The user must confirm: the first call returns a preview (or the client asks the user), then it runs.",
  input: { workspace_id: workspaceArg, table_id: tableId },
  output: { deleted_table_id: z.number() },
  annotations: DESTROY,
  scope: "xano:write",
  async preview(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws.message;
    const table = await deps.xano.getTable(ws, args.table_id);
    return `Delete table ${args.table_id} ("${
      table.name ?? "?"
    }") in workspace ${ws} with all its records.`;
  },
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    await deps.xano.deleteTable(ws, args.table_id);
    return ok({ deleted_table_id: args.table_id }, `Deleted table ${args.table_id}`);
  },
});

/** Every tool of the toolset. */
export const tableTools = [listTables, getTableDetails, createTable, updateTable, deleteTable];
