/** Account, instance, workspace, request-history and multidoc methods of the Xano client. */

import { z } from "zod";
import type { Page } from "../paging.ts";
import {
  AnySchema,
  type Branch,
  BranchSchema,
  type DataSource,
  DataSourceSchema,
  type Instance,
  InstanceSchema,
  type MetaMe,
  MetaMeSchema,
  type RequestHistoryItem,
  RequestHistorySchema,
  type Workspace,
  WorkspaceSchema,
} from "../schemas.ts";
import type { Transport } from "../transport.ts";
import { idPart, listQuery, pageWith, parseWith, ws } from "./_shared.ts";

/** Options of request-history reads. */
export interface RequestHistoryOptions {
  readonly page?: number;
  readonly perPage?: number;
  readonly branch?: string;
  readonly apiId?: number;
  /** Function/query id. */
  readonly queryId?: number;
  /** Include response bodies (larger answers). */
  readonly includeOutput?: boolean;
}

/** Options of `GET /workspace/{id}/multidoc`. */
export interface MultidocReadOptions {
  readonly branch?: string;
  readonly env?: boolean;
  readonly includeDraft?: boolean;
  readonly records?: boolean;
}

/** Options of `POST /workspace/{id}/multidoc[/dry-run]`. */
export interface MultidocPushOptions {
  /** Preview only (`/multidoc/dry-run`); nothing changes. */
  readonly dryRun?: boolean;
  readonly branch?: string;
  /** Only add and update what the document names (no deletions of unnamed objects). */
  readonly partial?: boolean;
  /** Delete objects the document does not name. */
  readonly delete?: boolean;
  readonly env?: boolean;
  readonly records?: boolean;
  readonly transaction?: boolean;
  readonly truncate?: boolean;
}

/** Methods about the account, its instances and workspaces. */
export interface AccountMethods {
  /** `GET /auth/me`: who the Metadata token belongs to. */
  me(): Promise<MetaMe>;
  /** Account-level `GET /instance` (on `accountUrl`): the instances this account can reach. */
  listInstances(): Promise<Page<Instance>>;
  /** Account-level `GET /instance/{name}`. */
  getInstance(name: string): Promise<Instance>;
  /** `GET /workspace` (bare array, normalised); cached briefly. */
  listWorkspaces(): Promise<Page<Workspace>>;
  /** `GET /workspace/{id}`; cached briefly. */
  getWorkspace(workspaceId: number): Promise<Workspace>;
  /** `GET /workspace/{id}/branch` (bare array): the workspace's branches. */
  listBranches(workspaceId: number): Promise<Page<Branch>>;
  /** `GET /workspace/{id}/datasource` (bare array): data sources such as `live` and `test`. */
  listDataSources(workspaceId: number): Promise<Page<DataSource>>;
  /** `GET /workspace/{id}/request_history`: recent calls to the workspace's APIs. */
  listRequestHistory(
    workspaceId: number,
    options?: RequestHistoryOptions,
  ): Promise<Page<RequestHistoryItem>>;
  /** `POST /workspace/{id}/request_history/search` with Xano's search syntax (read-only). */
  searchRequestHistory(
    workspaceId: number,
    search: unknown,
    options?: RequestHistoryOptions,
  ): Promise<Page<RequestHistoryItem>>;
  /** `GET /workspace/{id}/multidoc`: the whole workspace as one XanoScript document (text). */
  getMultidoc(workspaceId: number, options?: MultidocReadOptions): Promise<string>;
  /**
   * `POST /workspace/{id}/multidoc` (or `/multidoc/dry-run`) with the document as
   * `text/x-xanoscript`. Not idempotent unless `dryRun`.
   */
  pushMultidoc(
    workspaceId: number,
    document: string,
    options?: MultidocPushOptions,
  ): Promise<unknown>;
}

/** Builds {@link AccountMethods} on a transport. */
export function accountMethods(transport: Transport, accountUrl: string): AccountMethods {
  return {
    me() {
      const op = {
        action: "read the signed-in Xano account",
        target: { kind: "account" },
      } as const;
      return transport.send({
        method: "GET",
        path: "/auth/me",
        op,
        parse: parseWith(MetaMeSchema, op),
      });
    },
    listInstances() {
      const op = { action: "list instances" } as const;
      return transport.send({
        method: "GET",
        baseUrl: accountUrl,
        path: "/instance",
        op,
        cache: true,
        parse: pageWith(InstanceSchema, op),
      });
    },
    getInstance(name) {
      const op = { action: "get instance", target: { kind: "instance", id: name } } as const;
      return transport.send({
        method: "GET",
        baseUrl: accountUrl,
        path: `/instance/${idPart("instance name", name)}`,
        op,
        parse: parseWith(InstanceSchema, op),
      });
    },
    listWorkspaces() {
      const op = { action: "list workspaces" } as const;
      return transport.send({
        method: "GET",
        path: "/workspace",
        op,
        cache: true,
        parse: pageWith(WorkspaceSchema, op),
      });
    },
    getWorkspace(workspaceId) {
      const op = {
        action: "get workspace",
        target: { kind: "workspace", id: workspaceId },
      } as const;
      return transport.send({
        method: "GET",
        path: ws(workspaceId),
        op,
        cache: true,
        parse: parseWith(WorkspaceSchema, op),
      });
    },
    listBranches(workspaceId) {
      const op = {
        action: "list branches",
        target: { kind: "workspace", id: workspaceId },
      } as const;
      return transport.send({
        method: "GET",
        path: `${ws(workspaceId)}/branch`,
        op,
        parse: pageWith(BranchSchema, op),
      });
    },
    listDataSources(workspaceId) {
      const op = {
        action: "list data sources",
        target: { kind: "workspace", id: workspaceId },
      } as const;
      return transport.send({
        method: "GET",
        path: `${ws(workspaceId)}/datasource`,
        op,
        parse: pageWith(DataSourceSchema, op),
      });
    },
    listRequestHistory(workspaceId, options = {}) {
      const op = {
        action: "list request history",
        target: { kind: "request_history", workspaceId },
      } as const;
      return transport.send({
        method: "GET",
        path: `${ws(workspaceId)}/request_history`,
        query: historyQuery(options),
        op,
        parse: pageWith(RequestHistorySchema, op),
      });
    },
    searchRequestHistory(workspaceId, search, options = {}) {
      const op = {
        action: "search request history",
        target: { kind: "request_history", workspaceId },
      } as const;
      return transport.send({
        method: "POST",
        idempotent: true,
        path: `${ws(workspaceId)}/request_history/search`,
        json: { ...historyQuery(options), search },
        op,
        parse: pageWith(RequestHistorySchema, op),
      });
    },
    getMultidoc(workspaceId, options = {}) {
      const op = {
        action: "export the workspace",
        target: { kind: "multidoc", workspaceId },
      } as const;
      return transport.send({
        method: "GET",
        path: `${ws(workspaceId)}/multidoc`,
        query: {
          branch: options.branch,
          env: options.env,
          include_draft: options.includeDraft,
          records: options.records,
        },
        text: true,
        op,
        parse: parseWith(z.string(), op),
      });
    },
    pushMultidoc(workspaceId, document, options = {}) {
      const op = {
        action: options.dryRun ? "preview the workspace push" : "push the workspace document",
        target: { kind: "multidoc", workspaceId },
      } as const;
      return transport.send({
        method: "POST",
        idempotent: options.dryRun === true,
        path: `${ws(workspaceId)}/multidoc${options.dryRun ? "/dry-run" : ""}`,
        query: {
          branch: options.branch,
          partial: options.partial,
          delete: options.delete,
          env: options.env,
          records: options.records,
          transaction: options.transaction,
          truncate: options.truncate,
        },
        xanoscript: document,
        op,
        parse: parseWith(AnySchema, op),
      });
    },
  };
}

function historyQuery(options: RequestHistoryOptions): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = listQuery({
    page: options.page,
    perPage: options.perPage,
    branch: options.branch,
  });
  if (options.apiId !== undefined) query.api_id = options.apiId;
  if (options.queryId !== undefined) query.query_id = options.queryId;
  if (options.includeOutput) query.include_output = true;
  return query;
}
