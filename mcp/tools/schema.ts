/**
 * Toolset "schema": inspect and change the fields of a table.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { fail, ok } from "../result.ts";
import {
  compactField,
  DESTROY,
  fieldOutput,
  fieldSignature,
  READ,
  resolveWorkspace,
  workspaceArg,
  WRITE,
  type XanoToolDeps,
} from "./_shared.ts";

const tableId = z.number().int().positive().describe("Table id from xano_list_tables");
const fieldName = z.string().min(1).max(100).regex(
  /^[A-Za-z_][A-Za-z0-9_]*$/,
  "letters, digits and _ only",
);

/** Field types Xano accepts when adding a field. */
export const FIELD_TYPES = [
  "int",
  "decimal",
  "text",
  "email",
  "password",
  "bool",
  "timestamp",
  "date",
  "enum",
  "json",
  "object",
  "image",
  "attachment",
  "audio",
  "video",
  "uuid",
  "tableref",
  "geo_point",
  "vector",
] as const;

export const getTableSchema = defineTool({
  name: "xano_get_table_schema",
  toolset: "schema",
  title: "Get table schema",
  description:
    "Lists a table's fields as name, type, nullable and required. Call before writing records or SDK code that touches the table.",
  input: { workspace_id: workspaceArg, table_id: tableId },
  output: { table_id: z.number(), fields: z.array(fieldOutput) },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const schema = await deps.xano.getSchema(ws, args.table_id);
    return ok(
      { table_id: args.table_id, fields: schema.map(compactField) },
      `Table ${args.table_id} fields (${schema.length}): ${schema.map(fieldSignature).join(", ")}`,
    );
  },
});

export const addField = defineTool({
  name: "xano_add_field_to_schema",
  toolset: "schema",
  title: "Add a field",
  description:
    "Adds one field to a table. For enum pass values; for tableref pass ref_table_id (a foreign key). Existing records get null or the default.",
  input: {
    workspace_id: workspaceArg,
    table_id: tableId,
    name: fieldName.describe("Field name, snake_case"),
    type: z.enum(FIELD_TYPES),
    description: z.string().max(500).optional(),
    nullable: z.boolean().optional(),
    required: z.boolean().optional(),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    values: z.array(z.string().max(100)).max(100).optional().describe("Allowed values (enum only)"),
    ref_table_id: z.number().int().positive().optional().describe(
      "Referenced table (tableref only)",
    ),
  },
  output: { table_id: z.number(), field: fieldOutput },
  annotations: WRITE,
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    if (args.type === "enum" && !args.values?.length) {
      return fail("An enum field needs values", 'Pass values, e.g. ["draft", "published"]');
    }
    if (args.type === "tableref" && args.ref_table_id === undefined) {
      return fail("A tableref field needs ref_table_id", "Pass the id of the referenced table");
    }
    const extras = {
      ...(args.values ? { values: args.values } : {}),
      ...(args.ref_table_id ? { tableref_id: args.ref_table_id } : {}),
    };
    await deps.xano.addField(ws, args.table_id, {
      name: args.name,
      type: args.type,
      ...(args.description ? { description: args.description } : {}),
      ...(args.nullable === undefined ? {} : { nullable: args.nullable }),
      ...(args.required === undefined ? {} : { required: args.required }),
      ...(args.default === undefined ? {} : { default: args.default }),
      ...(Object.keys(extras).length ? { extras } : {}),
    });
    const field = compactField({
      name: args.name,
      type: args.type,
      nullable: args.nullable,
      required: args.required,
    });
    return ok(
      { table_id: args.table_id, field },
      `Added ${fieldSignature(field)} to table ${args.table_id}`,
    );
  },
});

export const renameField = defineTool({
  name: "xano_rename_schema_field",
  toolset: "schema",
  title: "Rename a field",
  description:
    "Renames a field, keeping its data. API code that uses the old name must be updated too.",
  input: {
    workspace_id: workspaceArg,
    table_id: tableId,
    old_name: fieldName,
    new_name: fieldName,
  },
  output: { table_id: z.number(), old_name: z.string(), new_name: z.string() },
  annotations: WRITE,
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    if (args.old_name === args.new_name) return fail("old_name and new_name are the same");
    await deps.xano.renameField(ws, args.table_id, args.old_name, args.new_name);
    return ok(
      { table_id: args.table_id, old_name: args.old_name, new_name: args.new_name },
      `Renamed ${args.old_name} to ${args.new_name} in table ${args.table_id}`,
    );
  },
});

export const deleteField = defineTool({
  name: "xano_delete_field",
  toolset: "schema",
  title: "Delete a field",
  description:
    "Deletes a field and its data from every record. Irreversible; needs the user's confirmation.",
  input: { workspace_id: workspaceArg, table_id: tableId, field_name: fieldName },
  output: { table_id: z.number(), deleted_field: z.string() },
  annotations: DESTROY,
  scope: "xano:write",
  async preview(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws.message;
    const table = await deps.xano.getTable(ws, args.table_id);
    return `Delete field "${args.field_name}" from table ${args.table_id} ("${
      table.name ?? "?"
    }") and its data in every record.`;
  },
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    if (["id", "created_at"].includes(args.field_name)) {
      return fail(`The "${args.field_name}" field is built in and cannot be deleted`);
    }
    await deps.xano.deleteField(ws, args.table_id, args.field_name);
    return ok(
      { table_id: args.table_id, deleted_field: args.field_name },
      `Deleted field ${args.field_name} from table ${args.table_id}`,
    );
  },
});

/** Every tool of the toolset. */
export const schemaTools = [getTableSchema, addField, renameField, deleteField];
