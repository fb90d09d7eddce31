/** Table, schema and index methods of the Xano client. */

import { z } from "zod";
import type { Page } from "../paging.ts";
import {
  type Created,
  CreatedSchema,
  type Field,
  FieldCreatedSchema,
  FieldSchema,
  type Index,
  IndexSchema,
  type Table,
  TableSchema,
} from "../schemas.ts";
import { FIELD_TYPES, type FieldType } from "../field_types.ts";
import type { Transport } from "../transport.ts";
import {
  idPart,
  ignoreBody,
  type ListOptions,
  listQuery,
  pageWith,
  parseWith,
  ws,
} from "./_shared.ts";

/** A field to add: common attributes plus type-specific extras (`values`, `tableref_id`, …). */
export interface NewField {
  readonly name: string;
  readonly type: FieldType;
  readonly description?: string;
  readonly nullable?: boolean;
  readonly required?: boolean;
  readonly default?: unknown;
  readonly access?: "public" | "private" | "internal";
  readonly sensitive?: boolean;
  readonly style?: "single" | "list";
  /** Type-specific extras sent as they are, e.g. `{ values: ["a","b"] }` or `{ tableref_id: 3 }`. */
  readonly extras?: Readonly<Record<string, unknown>>;
}

/** JSON input of `POST /workspace/{id}/table`. */
export interface NewTable {
  readonly name: string;
  readonly description?: string;
  readonly docs?: string;
  readonly auth?: boolean;
  readonly tag?: readonly string[];
}

/** Index kinds accepted by `POST …/index/{type}`. */
export type IndexType = "btree" | "unique" | "search" | "spatial" | "vector";

/** Methods about tables, their schema and indexes. */
export interface TableMethods {
  /** `GET /workspace/{id}/table`; cached briefly. */
  listTables(workspaceId: number, options?: ListOptions): Promise<Page<Table>>;
  /** `GET /workspace/{id}/table/{table}` (`includeXanoscript` adds the source); cached briefly. */
  getTable(
    workspaceId: number,
    tableId: number,
    options?: { includeXanoscript?: boolean },
  ): Promise<Table>;
  /** `POST /workspace/{id}/table` with JSON. Not idempotent. */
  createTable(workspaceId: number, table: NewTable): Promise<Created>;
  /** `PUT /workspace/{id}/table/{table}/meta`: name, description, tags, auth. */
  updateTableMeta(workspaceId: number, tableId: number, meta: Partial<NewTable>): Promise<void>;
  /** `DELETE /workspace/{id}/table/{table}`: drops the table and all its records. */
  deleteTable(workspaceId: number, tableId: number): Promise<void>;
  /** `GET …/schema`: the table's fields; cached briefly. */
  getSchema(workspaceId: number, tableId: number): Promise<Field[]>;
  /** `PUT …/schema`: replaces the whole schema (fields not listed are dropped). */
  replaceSchema(workspaceId: number, tableId: number, fields: readonly Field[]): Promise<void>;
  /** `POST …/schema/type/{type}`: adds one field. Not idempotent. */
  addField(workspaceId: number, tableId: number, field: NewField): Promise<{ name?: string }>;
  /** `POST …/schema/rename`: renames a field. Not idempotent. */
  renameField(
    workspaceId: number,
    tableId: number,
    oldName: string,
    newName: string,
  ): Promise<void>;
  /** `GET …/schema/{name}`: one field. */
  getField(workspaceId: number, tableId: number, name: string): Promise<Field>;
  /** `DELETE …/schema/{name}`: drops a field and its data. */
  deleteField(workspaceId: number, tableId: number, name: string): Promise<void>;
  /** `GET …/index`; cached briefly. */
  listIndexes(workspaceId: number, tableId: number): Promise<Index[]>;
  /**
   * `POST …/index/{type}`. btree/unique/spatial/vector take `{fields:[{name, op}]}`;
   * search takes `{name, lang, fields:[{name, priority}]}`. Not idempotent.
   */
  addIndex(
    workspaceId: number,
    tableId: number,
    type: IndexType,
    body: Readonly<Record<string, unknown>>,
  ): Promise<Created>;
  /** `PUT …/index`: replaces every index of the table. */
  replaceIndexes(
    workspaceId: number,
    tableId: number,
    indexes: readonly Readonly<Record<string, unknown>>[],
  ): Promise<void>;
  /** `DELETE …/index/{index}`. */
  deleteIndex(workspaceId: number, tableId: number, indexId: number | string): Promise<void>;
}

/** Builds {@link TableMethods} on a transport. */
export function tableMethods(transport: Transport): TableMethods {
  const table = (w: number, t: number) => `${ws(w)}/table/${idPart("table id", t)}`;
  const target = (workspaceId: number, id: number) =>
    ({ kind: "table", id, workspaceId, tableId: id }) as const;

  return {
    listTables(workspaceId, options) {
      const op = { action: "list tables", target: { kind: "workspace", id: workspaceId } } as const;
      return transport.send({
        method: "GET",
        path: `${ws(workspaceId)}/table`,
        query: listQuery(options),
        op,
        cache: true,
        parse: pageWith(TableSchema, op),
      });
    },
    getTable(workspaceId, tableId, options = {}) {
      const op = { action: "get table", target: target(workspaceId, tableId) };
      return transport.send({
        method: "GET",
        path: table(workspaceId, tableId),
        query: { include_xanoscript: options.includeXanoscript || undefined },
        op,
        cache: true,
        parse: parseWith(TableSchema, op),
      });
    },
    createTable(workspaceId, input) {
      const op = {
        action: `create table "${input.name}"`,
        target: { kind: "workspace", id: workspaceId },
      } as const;
      return transport.send({
        method: "POST",
        path: `${ws(workspaceId)}/table`,
        json: input,
        op,
        parse: parseWith(CreatedSchema, op),
      });
    },
    updateTableMeta(workspaceId, tableId, meta) {
      const op = { action: "update table settings", target: target(workspaceId, tableId) };
      return transport.send({
        method: "PUT",
        path: `${table(workspaceId, tableId)}/meta`,
        json: meta,
        op,
        parse: ignoreBody(),
      });
    },
    deleteTable(workspaceId, tableId) {
      const op = { action: "delete table", target: target(workspaceId, tableId) };
      return transport.send({
        method: "DELETE",
        path: table(workspaceId, tableId),
        op,
        parse: ignoreBody(),
      });
    },
    getSchema(workspaceId, tableId) {
      const op = { action: "get the schema of table", target: target(workspaceId, tableId) };
      return transport.send({
        method: "GET",
        path: `${table(workspaceId, tableId)}/schema`,
        op,
        cache: true,
        parse: parseWith(z.array(FieldSchema), op),
      });
    },
    replaceSchema(workspaceId, tableId, fields) {
      const op = { action: "replace the schema of table", target: target(workspaceId, tableId) };
      return transport.send({
        method: "PUT",
        path: `${table(workspaceId, tableId)}/schema`,
        json: { schema: fields },
        op,
        parse: ignoreBody(),
      });
    },
    addField(workspaceId, tableId, field) {
      const op = {
        action: `add field "${field.name}" to table`,
        target: target(workspaceId, tableId),
      };
      const { type, extras, ...common } = field;
      return transport.send({
        method: "POST",
        path: `${table(workspaceId, tableId)}/schema/type/${idPart("field type", type)}`,
        json: { ...extras, ...common },
        op,
        parse: parseWith(FieldCreatedSchema, op),
      });
    },
    renameField(workspaceId, tableId, oldName, newName) {
      const op = {
        action: `rename field "${oldName}" to "${newName}" in table`,
        target: target(workspaceId, tableId),
      };
      return transport.send({
        method: "POST",
        path: `${table(workspaceId, tableId)}/schema/rename`,
        json: { old_name: oldName, new_name: newName },
        op,
        parse: ignoreBody(),
      });
    },
    getField(workspaceId, tableId, name) {
      const op = {
        action: "get field",
        target: { kind: "field", id: name, workspaceId, tableId },
      } as const;
      return transport.send({
        method: "GET",
        path: `${table(workspaceId, tableId)}/schema/${idPart("field name", name)}`,
        op,
        parse: parseWith(FieldSchema, op),
      });
    },
    deleteField(workspaceId, tableId, name) {
      const op = {
        action: "delete field",
        target: { kind: "field", id: name, workspaceId, tableId },
      } as const;
      return transport.send({
        method: "DELETE",
        path: `${table(workspaceId, tableId)}/schema/${idPart("field name", name)}`,
        op,
        parse: ignoreBody(),
      });
    },
    listIndexes(workspaceId, tableId) {
      const op = { action: "list indexes of table", target: target(workspaceId, tableId) };
      return transport.send({
        method: "GET",
        path: `${table(workspaceId, tableId)}/index`,
        op,
        cache: true,
        parse: (body) => pageWith(IndexSchema, op)(body).items as Index[],
      });
    },
    addIndex(workspaceId, tableId, type, body) {
      const op = { action: `add a ${type} index to table`, target: target(workspaceId, tableId) };
      return transport.send({
        method: "POST",
        path: `${table(workspaceId, tableId)}/index/${idPart("index type", type)}`,
        json: body,
        op,
        parse: parseWith(CreatedSchema, op),
      });
    },
    replaceIndexes(workspaceId, tableId, indexes) {
      const op = { action: "replace the indexes of table", target: target(workspaceId, tableId) };
      return transport.send({
        method: "PUT",
        path: `${table(workspaceId, tableId)}/index`,
        json: { index: indexes },
        op,
        parse: ignoreBody(),
      });
    },
    deleteIndex(workspaceId, tableId, indexId) {
      const op = {
        action: "delete index",
        target: { kind: "index", id: indexId, workspaceId, tableId },
      } as const;
      return transport.send({
        method: "DELETE",
        path: `${table(workspaceId, tableId)}/index/${idPart("index id", indexId)}`,
        op,
        parse: ignoreBody(),
      });
    },
  };
}

export { FIELD_TYPES, type FieldType };
