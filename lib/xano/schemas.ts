/**
 * Zod schemas for Xano Metadata API payloads and the types inferred from them.
 * Objects are loose (unknown keys are kept, because Xano adds fields over
 * time); only the fields tools depend on are checked. Ids are integers.
 *
 * @example
 * ```ts
 * const table = TableSchema.parse({ id: 1, name: "user" });
 * ```
 * @module
 */

import { z } from "zod";

const id = z.number().int();
const timestamp = z.union([z.number(), z.string()]).nullish();
const tags = z.array(z.string()).nullish();

/** `GET /auth/me` on the Metadata API. */
export const MetaMeSchema = z.looseObject({
  id: z.union([id, z.string()]),
  name: z.string().nullish(),
  email: z.string().nullish(),
  extras: z.unknown().optional(),
});
export type MetaMe = z.infer<typeof MetaMeSchema>;

/** `GET {authUrl}/auth/me` of an account auth API (the seed's login backend). */
export const AccountMeSchema = z.looseObject({
  id: z.union([id, z.string()]),
  name: z.string().nullish(),
  email: z.string().nullish(),
  api_key: z.string().nullish(),
});
export type AccountMe = z.infer<typeof AccountMeSchema>;

/** `POST {authUrl}/auth/login`. */
export const LoginSchema = z.looseObject({ authToken: z.string().min(1) });

/** An instance from the account-level `GET /instance`. */
export const InstanceSchema = z.looseObject({
  name: z.string(),
  display: z.string().nullish(),
  xano_domain: z.string().nullish(),
  custom_domain: z.string().nullish(),
  rate_limit: z.unknown().optional(),
  meta_api: z.string().nullish(),
  meta_swagger: z.string().nullish(),
});
export type Instance = z.infer<typeof InstanceSchema>;

export const WorkspaceSchema = z.looseObject({
  id,
  name: z.string(),
  description: z.string().nullish(),
  branch: z.unknown().optional(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** `GET /workspace/{id}/branch` item. */
export const BranchSchema = z.looseObject({
  label: z.string(),
  live: z.boolean().nullish(),
  backup: z.boolean().nullish(),
  created_at: timestamp,
});
export type Branch = z.infer<typeof BranchSchema>;

/** `GET /workspace/{id}/datasource` item. */
export const DataSourceSchema = z.looseObject({ label: z.string(), color: z.string().nullish() });
export type DataSource = z.infer<typeof DataSourceSchema>;

/** Read-back of XanoScript with `include_xanoscript=true`. */
export const XanoscriptSourceSchema = z.union([
  z.looseObject({ status: z.string(), value: z.string().nullish() }),
  z.string(),
]).nullish();

export const TableSchema = z.looseObject({
  id,
  name: z.string(),
  description: z.string().nullish(),
  created_at: timestamp,
  updated_at: timestamp,
  auth: z.boolean().nullish(),
  guid: z.string().nullish(),
  tag: tags,
  xanoscript: XanoscriptSourceSchema,
});
export type Table = z.infer<typeof TableSchema>;

/** One column of a table schema. */
export const FieldSchema = z.looseObject({
  name: z.string(),
  type: z.string(),
  description: z.string().nullish(),
  nullable: z.boolean().nullish(),
  required: z.boolean().nullish(),
  access: z.string().nullish(),
  style: z.string().nullish(),
  default: z.unknown().optional(),
});
export type Field = z.infer<typeof FieldSchema>;

export const IndexSchema = z.looseObject({
  id: z.union([id, z.string()]).optional(),
  type: z.string().nullish(),
  name: z.string().nullish(),
  fields: z.array(z.looseObject({ name: z.string() })).nullish(),
});
export type Index = z.infer<typeof IndexSchema>;

/** A table record: any JSON object with an `id`. */
export const RecordSchema = z.looseObject({ id: z.union([id, z.string()]) });
export type XanoRecord = z.infer<typeof RecordSchema>;

export const ApiGroupSchema = z.looseObject({
  id,
  name: z.string(),
  description: z.string().nullish(),
  canonical: z.string().nullish(),
  guid: z.string().nullish(),
  branch: z.unknown().optional(),
  tag: tags,
  xanoscript: XanoscriptSourceSchema,
});
export type ApiGroup = z.infer<typeof ApiGroupSchema>;

export const ApiSchema = z.looseObject({
  id,
  name: z.string(),
  verb: z.string().nullish(),
  description: z.string().nullish(),
  apigroup_id: id.nullish(),
  input: z.array(z.unknown()).nullish(),
  tag: tags,
  xanoscript: XanoscriptSourceSchema,
});
export type Api = z.infer<typeof ApiSchema>;

export const FunctionSchema = z.looseObject({
  id,
  name: z.string(),
  description: z.string().nullish(),
  branch: z.unknown().optional(),
  xanoscript: XanoscriptSourceSchema,
});
export type XanoFunction = z.infer<typeof FunctionSchema>;

export const TaskSchema = z.looseObject({
  id,
  name: z.string(),
  description: z.string().nullish(),
  active: z.boolean().nullish(),
  datasource: z.string().nullish(),
  xanoscript: XanoscriptSourceSchema,
});
export type Task = z.infer<typeof TaskSchema>;

export const RequestHistorySchema = z.looseObject({
  id: z.union([id, z.string()]),
  created_at: timestamp,
  duration: z.number().nullish(),
  status: z.union([z.number(), z.string()]).nullish(),
  verb: z.string().nullish(),
  uri: z.string().nullish(),
  api_id: id.nullish(),
  query_id: id.nullish(),
});
export type RequestHistoryItem = z.infer<typeof RequestHistorySchema>;

/** `{id}` or a full object answered by create routes. */
export const CreatedSchema = z.looseObject({ id: z.union([id, z.string()]) });
export type Created = z.infer<typeof CreatedSchema>;

/** `POST …/schema/type/{type}` answers `{name}` (or the whole field). */
export const FieldCreatedSchema = z.looseObject({ name: z.string().optional() });

/** `POST …/content/bulk` answers an array of new ids (some versions: objects with `id`). */
export const BulkCreatedSchema = z.array(
  z.union([id, z.string(), z.looseObject({ id: z.union([id, z.string()]) })]),
);

/** `bulk/patch`, `bulk/delete`, `search/patch`, `search/delete`. */
export const BulkResultSchema = z.looseObject({
  success: z.union([z.array(z.unknown()), z.boolean(), z.number()]).optional(),
  success_total: z.number().optional(),
  error: z.unknown().optional(),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

/** `POST …/function/run`. */
export const RunResultSchema = z.looseObject({
  status: z.string().optional(),
  result: z.unknown().optional(),
  logs: z.array(z.unknown()).nullish(),
});
export type RunResult = z.infer<typeof RunResultSchema>;

/** Any JSON value (routes whose answer tools only show). */
export const AnySchema = z.unknown();
