/**
 * What the Xano tools share: the slice of the Xano client they call (the
 * client in `lib/xano` satisfies it structurally), workspace resolution with
 * pinning, opaque page cursors, and the compact projections that keep outputs
 * affordable.
 *
 * @module
 */

import { z } from "zod";
import { fail, type ToolFailure } from "../result.ts";

/** A page of a Xano list, as the client normalises it. */
export interface XanoPage<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly nextPage: number | null;
  readonly total?: number;
}

/** A Xano object with at least an id; every other field is optional. */
export interface XanoObject {
  readonly id: number | string;
  readonly name?: string;
  readonly [key: string]: unknown;
}

/** A Xano instance (named, no id). */
export interface XanoInstance {
  readonly name: string;
  readonly [key: string]: unknown;
}

/** Paging and search options passed to list calls. */
export interface XanoListOptions {
  readonly page?: number;
  readonly perPage?: number;
  readonly search?: string;
}

/** The Xano client methods the tools call; `lib/xano`'s client satisfies this. */
export interface XanoApi {
  listInstances(): Promise<XanoPage<XanoInstance>>;
  getInstance(name: string): Promise<XanoInstance>;
  listWorkspaces(): Promise<XanoPage<XanoObject>>;
  getWorkspace(workspaceId: number): Promise<XanoObject>;
  listTables(workspaceId: number, options?: XanoListOptions): Promise<XanoPage<XanoObject>>;
  getTable(workspaceId: number, tableId: number): Promise<XanoObject>;
  createTable(
    workspaceId: number,
    table: { name: string; description?: string; auth?: boolean },
  ): Promise<{ id: number | string }>;
  updateTableMeta(
    workspaceId: number,
    tableId: number,
    meta: { name?: string; description?: string; auth?: boolean },
  ): Promise<void>;
  deleteTable(workspaceId: number, tableId: number): Promise<void>;
  getSchema(workspaceId: number, tableId: number): Promise<readonly XanoField[]>;
  addField(workspaceId: number, tableId: number, field: NewXanoField): Promise<unknown>;
  renameField(
    workspaceId: number,
    tableId: number,
    oldName: string,
    newName: string,
  ): Promise<void>;
  deleteField(workspaceId: number, tableId: number, name: string): Promise<void>;

  browseRecords(
    workspaceId: number,
    tableId: number,
    options?: { page?: number; perPage?: number },
  ): Promise<XanoPage<XanoObject>>;
  searchRecords(
    workspaceId: number,
    tableId: number,
    search: unknown,
    options?: { page?: number; perPage?: number; sort?: Record<string, "asc" | "desc"> },
  ): Promise<XanoPage<XanoObject>>;
  getRecord(workspaceId: number, tableId: number, recordId: number | string): Promise<XanoObject>;
  createRecord(
    workspaceId: number,
    tableId: number,
    data: Record<string, unknown>,
  ): Promise<XanoObject>;
  updateRecord(
    workspaceId: number,
    tableId: number,
    recordId: number | string,
    data: Record<string, unknown>,
  ): Promise<XanoObject>;
  deleteRecord(workspaceId: number, tableId: number, recordId: number | string): Promise<void>;
  bulkCreateRecords(
    workspaceId: number,
    tableId: number,
    items: readonly Record<string, unknown>[],
    options?: { matchField?: string },
  ): Promise<XanoBulkReport>;
  bulkPatchRecords(
    workspaceId: number,
    tableId: number,
    items: readonly { id: number | string; updates: Record<string, unknown> }[],
  ): Promise<XanoBulkReport>;
  bulkDeleteRecords(
    workspaceId: number,
    tableId: number,
    ids: readonly (number | string)[],
  ): Promise<XanoBulkReport>;

  listApiGroups(workspaceId: number, options?: XanoListOptions): Promise<XanoPage<XanoObject>>;
  createApiGroup(
    workspaceId: number,
    group: { name: string; description?: string },
  ): Promise<XanoObject>;
  listApis(
    workspaceId: number,
    apiGroupId: number,
    options?: XanoListOptions,
  ): Promise<XanoPage<XanoObject>>;
  getApi(
    workspaceId: number,
    apiGroupId: number,
    apiId: number,
    options?: { includeXanoscript?: boolean },
  ): Promise<XanoObject>;
  listFunctions(workspaceId: number, options?: XanoListOptions): Promise<XanoPage<XanoObject>>;
  getFunction(
    workspaceId: number,
    functionId: number,
    options?: { includeXanoscript?: boolean },
  ): Promise<XanoObject>;
  getApiGroup(workspaceId: number, apiGroupId: number): Promise<XanoObject>;
  createFromXanoscript(
    workspaceId: number,
    target: { kind: XanoscriptKind; apiGroupId?: number },
    source: string,
  ): Promise<{ id: number | string }>;
  updateFromXanoscript(
    workspaceId: number,
    target: { kind: XanoscriptKind; apiGroupId?: number; id: number },
    source: string,
    options?: { publish?: boolean },
  ): Promise<{ id: number | string }>;
  listRequestHistory(
    workspaceId: number,
    options?: { page?: number; perPage?: number; apiId?: number },
  ): Promise<XanoPage<XanoObject>>;
}

/** Objects that can be created or replaced from XanoScript. */
export type XanoscriptKind = "table" | "function" | "task" | "api_group" | "api";

/** Per-item outcome of a bulk write, as the client reports it. */
export interface XanoBulkReport {
  readonly results: readonly {
    readonly index: number;
    readonly status: string;
    readonly id?: number | string;
    readonly error?: { readonly message: string; readonly nextStep?: string };
  }[];
  readonly counts: Readonly<Record<string, number>>;
}

/** A field of a table schema. */
export interface XanoField {
  readonly name: string;
  readonly type: string;
  readonly description?: string | null;
  readonly nullable?: boolean | null;
  readonly required?: boolean | null;
  readonly [key: string]: unknown;
}

/** A field to add. */
export interface NewXanoField {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly nullable?: boolean;
  readonly required?: boolean;
  readonly default?: unknown;
  readonly extras?: Readonly<Record<string, unknown>>;
}

/** Dependencies of every Xano tool. */
export interface XanoToolDeps {
  readonly xano: XanoApi;
  /** The workspace this connection is pinned to, if any. */
  readonly workspaceId?: number;
  /** Origin of the user's Xano instance (`https://x.xano.io`), for endpoint URLs. */
  instanceOrigin?(): Promise<string | undefined>;
  /** The SDK compiler (`lib/xs/sdk`); the SDK tools answer with a failure without it. */
  readonly sdk?: SdkCompiler;
  /** Credential diagnostics for this user (the debug toolset). */
  readonly debug?: XanoDebug;
  /** What this connection may do, as granted (for debug_auth). */
  readonly connection?: Readonly<Record<string, unknown>>;
}

/** Credential diagnostics of one user; `lib/xano`'s debug operations bound to the user. */
export interface XanoDebug {
  authState(): Promise<Readonly<Record<string, unknown>>>;
  forceRefresh(): Promise<Readonly<Record<string, unknown>>>;
  expireTokens(which: "meta" | "auth" | "both"): Promise<Readonly<Record<string, unknown>>>;
}

/** One compile's outcome, as the SDK tools read it. */
export interface SdkCompileOutput {
  readonly ok: boolean;
  readonly xanoscript: string;
  readonly diagnostics: readonly {
    readonly message: string;
    readonly line: number;
    readonly column: number;
    readonly severity: string;
    readonly fix?: string;
  }[];
  readonly fixes: readonly {
    readonly rule: string;
    readonly before: string;
    readonly after: string;
    readonly line: number;
  }[];
  readonly objects: readonly {
    readonly kind: string;
    readonly name: string;
    readonly verb?: string;
  }[];
  readonly timings: Readonly<Record<string, number>>;
}

/** What the SDK tools need from the compiler (the app's is backed by the KV compile cache). */
export interface SdkCompiler {
  compile(code: string, options: { fix: boolean }): SdkCompileOutput | Promise<SdkCompileOutput>;
}

/** The `workspace_id` argument every workspace-scoped tool takes. */
export const workspaceArg = z.number().int().positive().optional().describe(
  "Workspace id from xano_list_databases; may be omitted when the connection is pinned to a workspace",
);

/** The resolved workspace id, or a failure telling the model what to pass. */
export function resolveWorkspace(
  deps: XanoToolDeps,
  requested: number | undefined,
): number | ToolFailure {
  if (deps.workspaceId !== undefined) {
    if (requested !== undefined && requested !== deps.workspaceId) {
      return fail(
        `This connection is pinned to workspace ${deps.workspaceId}; workspace ${requested} is not reachable`,
        `Omit workspace_id or pass ${deps.workspaceId}`,
      );
    }
    return deps.workspaceId;
  }
  if (requested === undefined) {
    return fail("workspace_id is required", "Call xano_list_databases to find the workspace id");
  }
  return requested;
}

/** The `cursor` argument of list tools. */
export const cursorArg = z.string().max(200).optional().describe(
  "Opaque cursor from a previous page's next_cursor; omit for the first page",
);

/** The `limit` argument of list tools. */
export function limitArg(max: number, fallback: number) {
  return z.number().int().min(1).max(max).optional().describe(
    `Items per page (1-${max}, default ${fallback})`,
  );
}

/** Encodes a page number as an opaque cursor. */
export function encodeCursor(page: number): string {
  return btoa(JSON.stringify({ p: page })).replaceAll("=", "");
}

/** Decodes a cursor to a page number (1 when absent), or a failure for a bad cursor. */
export function decodeCursor(cursor: string | undefined): number | ToolFailure {
  if (cursor === undefined || cursor === "") return 1;
  try {
    const value = JSON.parse(atob(cursor)) as { p?: unknown };
    if (typeof value.p === "number" && Number.isInteger(value.p) && value.p >= 1) return value.p;
  } catch {
    // fall through
  }
  return fail(`The cursor "${cursor.slice(0, 40)}" is not valid`, "Call again without cursor");
}

/** Where a list call reads: the resolved workspace and the page its cursor points at. */
export interface ListScope {
  readonly ok: true;
  readonly ws: number;
  readonly page: number;
}

/** Resolves the workspace and decodes the cursor of a list tool's arguments, or the failure to return. */
export function listScope(
  deps: XanoToolDeps,
  args: { workspace_id?: number; cursor?: string },
): ListScope | ToolFailure {
  const ws = resolveWorkspace(deps, args.workspace_id);
  if (typeof ws !== "number") return ws;
  const page = decodeCursor(args.cursor);
  if (typeof page !== "number") return page;
  return { ok: true, ws, page };
}

/** Output fields every paginated list has. */
export const pageOutput = {
  next_cursor: z.string().nullable().describe(
    "Pass as cursor to get the next page; null on the last",
  ),
  total: z.number().optional(),
};

/** The paging part of a list result. */
export function pageInfo(page: XanoPage<unknown>): { next_cursor: string | null; total?: number } {
  return {
    next_cursor: page.nextPage ? encodeCursor(page.nextPage) : null,
    ...(page.total === undefined ? {} : { total: page.total }),
  };
}

/** The text line that tells the model how to get more. */
export function moreLine(page: XanoPage<unknown>): string {
  return page.nextPage ? `\nMore: pass cursor "${encodeCursor(page.nextPage)}"` : "";
}

/** A short description (first line, at most `max` characters). */
export function brief(text: unknown, max = 80): string | undefined {
  if (typeof text !== "string" || text.trim() === "") return undefined;
  const line = text.trim().split("\n")[0];
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Numeric id of a Xano object (ids may arrive as strings). */
export function numericId(value: number | string): number {
  return typeof value === "number" ? value : Number(value);
}

/** Compact field rendering: `name:type?` (`?` when nullable). */
export function fieldSignature(field: XanoField): string {
  return `${field.name}:${field.type}${field.nullable ? "?" : ""}`;
}

/** Output schema of one field. */
export const fieldOutput = z.object({
  name: z.string(),
  type: z.string(),
  nullable: z.boolean().optional(),
  required: z.boolean().optional(),
  description: z.string().optional(),
});

/** Projects a field to the compact output shape. */
export function compactField(field: XanoField): z.infer<typeof fieldOutput> {
  return {
    name: field.name,
    type: field.type,
    ...(field.nullable ? { nullable: true } : {}),
    ...(field.required ? { required: true } : {}),
    ...(brief(field.description) ? { description: brief(field.description) } : {}),
  };
}

/** Hints of a tool that only reads from Xano. */
export const READ = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;

/** Hints of a tool that adds or changes something without losing data. */
export const WRITE = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
} as const;

/** Hints of a tool that deletes data. */
export const DESTROY = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
} as const;
