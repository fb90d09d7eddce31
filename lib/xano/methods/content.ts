/** Table content (record) methods of the Xano client, including chunked bulk writes. */

import { bulkById, bulkCreate, type BulkCreateOptions, type BulkReport, keyOf } from "../bulk.ts";
import type { Page } from "../paging.ts";
import {
  BulkCreatedSchema,
  type BulkResult,
  BulkResultSchema,
  RecordSchema,
  type XanoRecord,
} from "../schemas.ts";
import type { Transport } from "../transport.ts";
import { idPart, ignoreBody, pageWith, parseWith, ws } from "./_shared.ts";

/** Options shared by content routes. */
export interface ContentOptions {
  /** Data source label sent as `x-data-source` (default: Xano's `live`). */
  readonly dataSource?: string;
}

/** Options of browse and search. */
export interface BrowseOptions extends ContentOptions {
  readonly page?: number;
  readonly perPage?: number;
}

/** Options of a search: Xano's `search` (legacy or structured form) and `sort`. */
export interface SearchOptions extends BrowseOptions {
  readonly sort?: Readonly<Record<string, "asc" | "desc">>;
}

/** Options of bulk patch and delete. */
export interface BulkChunkOptions extends ContentOptions {
  /** Items per request (default 100). */
  readonly chunkSize?: number;
}

/** Methods about the records of a table. */
export interface ContentMethods {
  /** `GET …/content`: one page of records with totals. */
  browseRecords(
    workspaceId: number,
    tableId: number,
    options?: BrowseOptions,
  ): Promise<Page<XanoRecord>>;
  /** `GET …/content/{id}`. */
  getRecord(
    workspaceId: number,
    tableId: number,
    recordId: number | string,
    options?: ContentOptions,
  ): Promise<XanoRecord>;
  /** `POST …/content`: creates one record. Not idempotent (never re-sent after an unclear failure). */
  createRecord(
    workspaceId: number,
    tableId: number,
    data: Readonly<Record<string, unknown>>,
    options?: ContentOptions,
  ): Promise<XanoRecord>;
  /** `PUT …/content/{id}`: updates fields of one record. */
  updateRecord(
    workspaceId: number,
    tableId: number,
    recordId: number | string,
    data: Readonly<Record<string, unknown>>,
    options?: ContentOptions,
  ): Promise<XanoRecord>;
  /** `DELETE …/content/{id}`. */
  deleteRecord(
    workspaceId: number,
    tableId: number,
    recordId: number | string,
    options?: ContentOptions,
  ): Promise<void>;
  /** `POST …/content/search` (a read; safe to retry). */
  searchRecords(
    workspaceId: number,
    tableId: number,
    search: unknown,
    options?: SearchOptions,
  ): Promise<Page<XanoRecord>>;
  /**
   * `POST …/content/bulk` in chunks with a result per item. Pass `matchField` so
   * unclear failures are verified by reading back and never duplicate (see `bulk.ts`).
   */
  bulkCreateRecords(
    workspaceId: number,
    tableId: number,
    items: readonly Record<string, unknown>[],
    options?: BulkCreateOptions & ContentOptions,
  ): Promise<BulkReport>;
  /** `POST …/content/bulk/patch` in chunks; setting values is idempotent, so chunks are retried. */
  bulkPatchRecords(
    workspaceId: number,
    tableId: number,
    items: readonly { id: number | string; updates: Readonly<Record<string, unknown>> }[],
    options?: BulkChunkOptions,
  ): Promise<BulkReport>;
  /** `POST …/content/bulk/delete` in chunks; deleting is idempotent, so chunks are retried. */
  bulkDeleteRecords(
    workspaceId: number,
    tableId: number,
    ids: readonly (number | string)[],
    options?: BulkChunkOptions,
  ): Promise<BulkReport>;
  /**
   * `POST …/content/search/patch`: sets `updates` on every record matching
   * `search`. Idempotent (setting the same values again changes nothing).
   */
  searchPatchRecords(
    workspaceId: number,
    tableId: number,
    search: unknown,
    updates: Readonly<Record<string, unknown>>,
    options?: ContentOptions,
  ): Promise<BulkResult>;
  /** `POST …/content/search/delete`: deletes every record matching `search`. Idempotent. */
  searchDeleteRecords(
    workspaceId: number,
    tableId: number,
    search: unknown,
    options?: ContentOptions,
  ): Promise<BulkResult>;
  /** `DELETE …/truncate`: removes every record; `reset` restarts ids at 1. */
  truncateTable(workspaceId: number, tableId: number, options?: { reset?: boolean }): Promise<void>;
}

/** Builds {@link ContentMethods} on a transport. */
export function contentMethods(transport: Transport): ContentMethods {
  const base = (w: number, t: number) => `${ws(w)}/table/${idPart("table id", t)}/content`;
  const headers = (options: ContentOptions = {}) =>
    options.dataSource ? { "x-data-source": options.dataSource } : undefined;
  const tableTarget = (workspaceId: number, tableId: number) =>
    ({ kind: "table", id: tableId, workspaceId, tableId }) as const;
  const recordTarget = (workspaceId: number, tableId: number, id: number | string) =>
    ({ kind: "record", id, workspaceId, tableId }) as const;

  function search(w: number, t: number, query: unknown, options: SearchOptions = {}) {
    const op = { action: "search records of table", target: tableTarget(w, t) };
    return transport.send({
      method: "POST",
      idempotent: true,
      path: `${base(w, t)}/search`,
      headers: headers(options),
      json: {
        page: options.page ?? 1,
        per_page: options.perPage ?? 50,
        ...(options.sort ? { sort: options.sort } : {}),
        search: query,
      },
      op,
      parse: pageWith(RecordSchema, op),
    });
  }

  return {
    browseRecords(w, t, options = {}) {
      const op = { action: "browse records of table", target: tableTarget(w, t) };
      return transport.send({
        method: "GET",
        path: base(w, t),
        query: { page: options.page, per_page: options.perPage },
        headers: headers(options),
        op,
        parse: pageWith(RecordSchema, op),
      });
    },
    getRecord(w, t, id, options) {
      const op = { action: "get record", target: recordTarget(w, t, id) };
      return transport.send({
        method: "GET",
        path: `${base(w, t)}/${idPart("record id", id)}`,
        headers: headers(options),
        op,
        parse: parseWith(RecordSchema, op),
      });
    },
    createRecord(w, t, data, options) {
      const op = { action: "create a record in table", target: tableTarget(w, t) };
      return transport.send({
        method: "POST",
        path: base(w, t),
        headers: headers(options),
        json: data,
        op,
        parse: parseWith(RecordSchema, op),
      });
    },
    updateRecord(w, t, id, data, options) {
      const op = { action: "update record", target: recordTarget(w, t, id) };
      return transport.send({
        method: "PUT",
        path: `${base(w, t)}/${idPart("record id", id)}`,
        headers: headers(options),
        json: data,
        op,
        parse: parseWith(RecordSchema, op),
      });
    },
    deleteRecord(w, t, id, options) {
      const op = { action: "delete record", target: recordTarget(w, t, id) };
      return transport.send({
        method: "DELETE",
        path: `${base(w, t)}/${idPart("record id", id)}`,
        headers: headers(options),
        op,
        parse: ignoreBody(),
      });
    },
    searchRecords: search,
    bulkCreateRecords(w, t, items, options = {}) {
      const op = { action: "create records in table", target: tableTarget(w, t) };
      return bulkCreate(
        {
          createChunk: (chunk) =>
            transport.send({
              method: "POST",
              path: `${base(w, t)}/bulk`,
              headers: headers(options),
              json: { items: chunk, allow_id_field: options.matchField === "id" },
              op,
              parse: (body) =>
                parseWith(BulkCreatedSchema, op)(body).map((entry) =>
                  typeof entry === "object" ? entry.id : entry
                ),
            }),
          async lookup(field, values) {
            const found = new Map<string, number | string>();
            const page = await search(w, t, [{ [`${field}|in`]: values }], {
              perPage: values.length + 1,
              dataSource: options.dataSource,
            });
            for (const record of page.items) found.set(keyOf(record[field]), record.id);
            return found;
          },
        },
        items,
        options,
      );
    },
    bulkPatchRecords(w, t, items, options = {}) {
      const op = { action: "update records in table", target: tableTarget(w, t) };
      return bulkById(
        items.map((item) => item.id),
        options.chunkSize,
        "updated",
        (start, end) =>
          transport.send({
            method: "POST",
            idempotent: true,
            path: `${base(w, t)}/bulk/patch`,
            headers: headers(options),
            json: {
              items: items.slice(start, end).map((item) => ({
                row_id: item.id,
                updates: item.updates,
              })),
            },
            op,
            parse: parseWith(BulkResultSchema, op),
          }),
      );
    },
    bulkDeleteRecords(w, t, ids, options = {}) {
      const op = { action: "delete records in table", target: tableTarget(w, t) };
      return bulkById(ids, options.chunkSize, "deleted", (start, end) =>
        transport.send({
          method: "POST",
          idempotent: true,
          path: `${base(w, t)}/bulk/delete`,
          headers: headers(options),
          json: { row_ids: ids.slice(start, end) },
          op,
          parse: parseWith(BulkResultSchema, op),
        }));
    },
    searchPatchRecords(w, t, query, updates, options) {
      const op = { action: "update matching records of table", target: tableTarget(w, t) };
      return transport.send({
        method: "POST",
        idempotent: true,
        path: `${base(w, t)}/search/patch`,
        headers: headers(options),
        json: { search: query, updates },
        op,
        parse: parseWith(BulkResultSchema, op),
      });
    },
    searchDeleteRecords(w, t, query, options) {
      const op = { action: "delete matching records of table", target: tableTarget(w, t) };
      return transport.send({
        method: "POST",
        idempotent: true,
        path: `${base(w, t)}/search/delete`,
        headers: headers(options),
        json: { search: query },
        op,
        parse: parseWith(BulkResultSchema, op),
      });
    },
    truncateTable(w, t, options = {}) {
      const op = { action: "truncate table", target: tableTarget(w, t) };
      return transport.send({
        method: "DELETE",
        path: `${ws(w)}/table/${idPart("table id", t)}/truncate`,
        json: { reset: options.reset ?? false },
        op,
        parse: ignoreBody(),
      });
    },
  };
}
