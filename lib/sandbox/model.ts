/**
 * The records the sandbox stores. Field names follow the Metadata API's JSON
 * (snake_case) so most objects are returned as stored; times are epoch ms and
 * rendered by {@link metaTime} where Xano shows a timestamp string.
 *
 * @module
 */

/** A Xano account (the auth API's user). */
export interface Account {
  readonly id: number;
  readonly created_at: number;
  readonly name: string;
  readonly email: string;
  /** PBKDF2-SHA-256 of the password, `pbkdf2$<iterations>$<salt>$<hash>`. */
  readonly password_hash: string;
  /** The current Metadata API token, shown by the auth API's `/auth/me` as `api_key`. */
  readonly api_key?: string;
  readonly api_key_expires_at?: number;
}

/** C/R/U/D rights per Metadata API area, e.g. `{ database: "CRUD", content: "R" }`. */
export type Scopes = Readonly<Record<string, string>>;

/** What a bearer token is; stored under the SHA-256 of the token. */
export interface TokenRecord {
  readonly kind: "auth" | "meta";
  readonly account_id: number;
  readonly scopes: Scopes;
  readonly expires_at: number;
}

/** A workspace of the single sandbox instance. */
export interface Workspace {
  readonly id: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly name: string;
  readonly description: string;
}

/** A data source (`x-data-source`) of a workspace. */
export interface DataSource {
  readonly label: string;
  readonly color: string;
}

/** One column of a table schema. */
export interface Field {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly nullable: boolean;
  readonly default: string;
  readonly required: boolean;
  readonly access: "public" | "private" | "internal";
  readonly sensitive: boolean;
  readonly style: "single" | "list";
  /** Type-specific extras: `values`, `tableref_id`, `format`, `filters`, `vector`, `children`. */
  readonly [extra: string]: unknown;
}

/** One table index. */
export interface TableIndex {
  readonly id: number;
  readonly type: "primary" | "btree" | "unique" | "search" | "spatial" | "vector";
  readonly name?: string;
  readonly lang?: string;
  readonly fields: readonly {
    readonly name: string;
    readonly op?: string;
    readonly priority?: number;
  }[];
}

/** A table with its schema and indexes. */
export interface Table {
  readonly id: number;
  readonly workspace_id: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly name: string;
  readonly description: string;
  readonly docs: string;
  readonly guid: string;
  readonly auth: boolean;
  readonly tag: readonly string[];
  readonly schema: readonly Field[];
  readonly index: readonly TableIndex[];
  readonly autocomplete: readonly { readonly name: string }[];
  /** The XanoScript it was last written with, if any. */
  readonly source?: string;
}

/** A table row; `id` is the primary key. */
export type Row = { readonly id: number; readonly [field: string]: unknown };

/** An API group. */
export interface ApiGroup {
  readonly id: number;
  readonly workspace_id: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly name: string;
  readonly description: string;
  readonly docs: string;
  readonly guid: string;
  readonly canonical: string;
  readonly swagger: boolean;
  readonly tag: readonly string[];
  readonly source?: string;
}

/** One input of an endpoint or function. */
export interface Input {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly nullable: boolean;
  readonly default: string;
  readonly required: boolean;
  readonly access: "public";
  readonly sensitive: boolean;
  readonly style: "single" | "list";
}

/** Kinds of logic objects the sandbox stores. */
export type LogicKind = "api" | "function" | "task";

/** An endpoint, function or task, with its XanoScript. */
export interface Logic {
  readonly id: number;
  readonly kind: LogicKind;
  readonly workspace_id: number;
  /** For endpoints: the owning API group. */
  readonly apigroup_id?: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly name: string;
  readonly description: string;
  readonly docs: string;
  readonly guid: string;
  readonly tag: readonly string[];
  /** Endpoints: HTTP verb. */
  readonly verb?: string;
  /** Endpoints: the auth table name, if the endpoint needs a token. */
  readonly auth?: string;
  readonly input: readonly Input[];
  /** Tasks. */
  readonly active?: boolean;
  readonly datasource?: string;
  readonly cache: Readonly<Record<string, unknown>>;
  /** The published XanoScript, when it was written as XanoScript (else printed on read). */
  readonly source?: string;
  /** A saved but unpublished XanoScript (`publish=false`). */
  readonly draft?: string;
}

/** One call recorded in the request history. */
export interface HistoryEntry {
  readonly id: number;
  readonly created_at: number;
  readonly duration: number;
  readonly status: number;
  readonly verb: string;
  readonly uri: string;
  readonly input: unknown;
  readonly output: unknown;
  readonly request_headers: readonly string[];
  readonly response_headers: readonly string[];
  readonly workspace_id: number;
  readonly branch_id: number;
  readonly api_id: number;
  readonly query_id: number;
}

/**
 * Renders epoch ms the way Xano prints timestamps in metadata:
 * `2026-01-01 00:00:00+0000`.
 *
 * @example
 * ```ts
 * metaTime(Date.UTC(2026, 0, 1)); // "2026-01-01 00:00:00+0000"
 * ```
 */
export function metaTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "+0000");
}
