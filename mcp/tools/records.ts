/**
 * Toolset "records": browse, search, read and write table rows, one at a time
 * or in bulk. Record data is fenced as untrusted in the text a model reads;
 * long values are cut unless the model asks for specific fields.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { fail, fenceUntrusted, ok } from "../result.ts";
import {
  cursorArg,
  DESTROY,
  limitArg,
  listScope,
  moreLine,
  pageInfo,
  pageOutput,
  READ,
  resolveWorkspace,
  workspaceArg,
  WRITE,
  type XanoBulkReport,
  type XanoObject,
  type XanoToolDeps,
} from "./_shared.ts";

const MAX_VALUE = 300;
const tableId = z.number().int().positive().describe("Table id from xano_list_tables");
const recordId = z.union([z.number().int(), z.string().min(1).max(100)]).describe("Record id");
const fieldsArg = z.array(z.string().max(100)).max(50).optional().describe(
  "Only return these fields (id is always included); values are then returned in full",
);
const recordData = z.record(z.string(), z.unknown()).describe('Field values, e.g. {"name": "Ada"}');
const recordOutput = z.record(z.string(), z.unknown());

/** Projects a record to the asked fields, or cuts long values when none were asked. */
function shape(record: XanoObject, fields: readonly string[] | undefined): Record<string, unknown> {
  if (fields?.length) {
    return Object.fromEntries(
      ["id", ...fields.filter((f) => f !== "id")].filter((f) => f in record).map((
        f,
      ) => [f, record[f]]),
    );
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, cut(value)]));
}

function cut(value: unknown): unknown {
  if (typeof value === "string" && value.length > MAX_VALUE) {
    return `${
      value.slice(0, MAX_VALUE)
    }… [${value.length} chars; ask for this field to see it all]`;
  }
  if (value && typeof value === "object") {
    const json = JSON.stringify(value);
    if (json.length > MAX_VALUE) {
      return `[${
        Array.isArray(value) ? "array" : "object"
      } of ${json.length} chars; ask for this field]`;
    }
  }
  return value;
}

function recordsText(records: readonly Record<string, unknown>[], header: string): string {
  return `${header}\n${fenceUntrusted(records.map((r) => JSON.stringify(r)).join("\n"))}`;
}

const listInput = {
  workspace_id: workspaceArg,
  table_id: tableId,
  fields: fieldsArg,
  cursor: cursorArg,
  limit: limitArg(100, 20),
};
const listOutput = { records: z.array(recordOutput), ...pageOutput };

export const browseTableContent = defineTool({
  name: "xano_browse_table_content",
  toolset: "records",
  title: "Browse records",
  description:
    "Pages through a table's records in id order. Pass fields to get only some columns (in full); otherwise long values are shortened. Use xano_search_table_content to filter.",
  input: listInput,
  output: listOutput,
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const scope = listScope(deps, args);
    if (!scope.ok) return scope;
    const { ws, page } = scope;
    const result = await deps.xano.browseRecords(ws, args.table_id, {
      page,
      perPage: args.limit ?? 20,
    });
    const records = result.items.map((r) => shape(r, args.fields));
    const header = `${records.length} record(s) of table ${args.table_id}${
      result.total === undefined ? "" : ` (${result.total} total)`
    }`;
    return ok({ records, ...pageInfo(result) }, recordsText(records, header) + moreLine(result));
  },
});

const condition = z.object({
  field: z.string().min(1).max(100),
  op: z.enum(["=", "!=", ">", ">=", "<", "<=", "in", "not in"]).default("="),
  value: z.unknown(),
});

export const searchTableContent = defineTool({
  name: "xano_search_table_content",
  toolset: "records",
  title: "Search records",
  description:
    "Finds records matching all conditions (field op value; op is =, !=, >, >=, <, <=, in, not in), optionally sorted, paginated with cursors.",
  input: {
    ...listInput,
    conditions: z.array(condition).min(1).max(20),
    sort: z.record(z.string(), z.enum(["asc", "desc"])).optional().describe(
      'e.g. {"created_at": "desc"}',
    ),
  },
  output: listOutput,
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const scope = listScope(deps, args);
    if (!scope.ok) return scope;
    const { ws, page } = scope;
    const search = args.conditions.map((c) => ({
      [c.op === "=" ? c.field : `${c.field}|${c.op}`]: c.value,
    }));
    const result = await deps.xano.searchRecords(ws, args.table_id, search, {
      page,
      perPage: args.limit ?? 20,
      ...(args.sort ? { sort: args.sort } : {}),
    });
    const records = result.items.map((r) => shape(r, args.fields));
    return ok(
      { records, ...pageInfo(result) },
      recordsText(records, `${records.length} matching record(s) in table ${args.table_id}`) +
        moreLine(result),
    );
  },
});

export const getTableRecord = defineTool({
  name: "xano_get_table_record",
  toolset: "records",
  title: "Get a record",
  description: "Reads one record by id. Pass fields to limit the columns.",
  input: { workspace_id: workspaceArg, table_id: tableId, record_id: recordId, fields: fieldsArg },
  output: { record: recordOutput },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const record = shape(await deps.xano.getRecord(ws, args.table_id, args.record_id), args.fields);
    return ok(
      { record },
      recordsText([record], `Record ${args.record_id} of table ${args.table_id}`),
    );
  },
});

export const createTableRecord = defineTool({
  name: "xano_create_table_record",
  toolset: "records",
  title: "Create a record",
  description:
    "Inserts one record. Check field names with xano_get_table_schema first. Returns the new id.",
  input: { workspace_id: workspaceArg, table_id: tableId, data: recordData },
  output: { id: z.union([z.number(), z.string()]) },
  annotations: WRITE,
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const created = await deps.xano.createRecord(ws, args.table_id, args.data);
    return ok({ id: created.id }, `Created record ${created.id} in table ${args.table_id}`);
  },
});

export const updateTableRecord = defineTool({
  name: "xano_update_table_record",
  toolset: "records",
  title: "Update a record",
  description: "Changes the given fields of one record; other fields keep their values.",
  input: { workspace_id: workspaceArg, table_id: tableId, record_id: recordId, data: recordData },
  output: { id: z.union([z.number(), z.string()]), changed: z.array(z.string()) },
  annotations: { ...WRITE, idempotentHint: true },
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const changed = Object.keys(args.data);
    if (changed.length === 0) return fail("data is empty", "Pass the fields to change");
    await deps.xano.updateRecord(ws, args.table_id, args.record_id, args.data);
    return ok(
      { id: args.record_id, changed },
      `Updated record ${args.record_id}: ${changed.join(", ")}`,
    );
  },
});

export const deleteTableRecord = defineTool({
  name: "xano_delete_table_record",
  toolset: "records",
  title: "Delete a record",
  description: "Deletes one record by id. Irreversible; needs the user's confirmation.",
  input: { workspace_id: workspaceArg, table_id: tableId, record_id: recordId },
  output: { deleted_id: z.union([z.number(), z.string()]) },
  annotations: DESTROY,
  scope: "xano:write",
  preview(args) {
    return Promise.resolve(`Delete record ${args.record_id} from table ${args.table_id}.`);
  },
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    await deps.xano.deleteRecord(ws, args.table_id, args.record_id);
    return ok(
      { deleted_id: args.record_id },
      `Deleted record ${args.record_id} from table ${args.table_id}`,
    );
  },
});

const bulkOutput = {
  counts: z.record(z.string(), z.number()),
  failures: z.array(z.object({ index: z.number(), status: z.string(), error: z.string() })),
  ids: z.array(z.union([z.number(), z.string()])),
};

function bulkResult(report: XanoBulkReport, verb: string) {
  const failures = report.results
    .filter((r) => r.status === "failed" || r.status === "unknown")
    .slice(0, 20)
    .map((r) => ({ index: r.index, status: r.status, error: r.error?.message ?? "unknown error" }));
  const ids = report.results.flatMap((r) => (r.id === undefined ? [] : [r.id])).slice(0, 200);
  const counts = Object.entries(report.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`)
    .join(", ");
  const text = `Bulk ${verb}: ${counts || "nothing"}${
    failures.length
      ? `\nFailures:\n${
        failures.map((f) => `- item ${f.index} (${f.status}): ${f.error}`).join("\n")
      }`
      : ""
  }${
    report.results.some((r) => r.status === "unknown")
      ? "\nItems marked unknown may or may not have been applied: check them before retrying."
      : ""
  }`;
  return ok({ counts: { ...report.counts }, failures, ids }, text);
}

export const bulkCreateRecords = defineTool({
  name: "xano_bulk_create_records",
  toolset: "records",
  title: "Create many records",
  description:
    "Inserts up to 1000 records in chunks, reporting each item. Pass match_field (a unique field such as email) so a retry never creates duplicates.",
  input: {
    workspace_id: workspaceArg,
    table_id: tableId,
    records: z.array(recordData).min(1).max(1000),
    match_field: z.string().max(100).optional().describe(
      "Unique field used to skip records that already exist",
    ),
  },
  output: bulkOutput,
  annotations: WRITE,
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const report = await deps.xano.bulkCreateRecords(ws, args.table_id, args.records, {
      ...(args.match_field ? { matchField: args.match_field } : {}),
    });
    return bulkResult(report, "create");
  },
});

export const bulkUpdateRecords = defineTool({
  name: "xano_bulk_update_records",
  toolset: "records",
  title: "Update many records",
  description: "Sets fields on up to 1000 records by id, in chunks, reporting each item.",
  input: {
    workspace_id: workspaceArg,
    table_id: tableId,
    updates: z.array(z.object({ id: recordId, data: recordData })).min(1).max(1000),
  },
  output: bulkOutput,
  annotations: { ...WRITE, idempotentHint: true },
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const items = args.updates.map((u) => ({ id: u.id, updates: u.data }));
    return bulkResult(await deps.xano.bulkPatchRecords(ws, args.table_id, items), "update");
  },
});

export const bulkDeleteRecords = defineTool({
  name: "xano_bulk_delete_records",
  toolset: "records",
  title: "Delete many records",
  description: "Deletes up to 1000 records by id. Irreversible; needs the user's confirmation.",
  input: {
    workspace_id: workspaceArg,
    table_id: tableId,
    record_ids: z.array(recordId).min(1).max(1000),
  },
  output: bulkOutput,
  annotations: DESTROY,
  scope: "xano:write",
  preview(args) {
    const sample = args.record_ids.slice(0, 10).join(", ");
    return Promise.resolve(
      `Delete ${args.record_ids.length} record(s) from table ${args.table_id} (ids ${sample}${
        args.record_ids.length > 10 ? ", …" : ""
      }).`,
    );
  },
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    return bulkResult(
      await deps.xano.bulkDeleteRecords(ws, args.table_id, args.record_ids),
      "delete",
    );
  },
});

/** Every tool of the toolset. */
export const recordTools = [
  browseTableContent,
  searchTableContent,
  getTableRecord,
  createTableRecord,
  updateTableRecord,
  deleteTableRecord,
  bulkCreateRecords,
  bulkUpdateRecords,
  bulkDeleteRecords,
];
