/** API group, endpoint, function, task and XanoScript deploy methods of the Xano client. */

import { BadRequestError } from "../../errors.ts";
import type { Page } from "../paging.ts";
import {
  type Api,
  type ApiGroup,
  ApiGroupSchema,
  ApiSchema,
  type Created,
  CreatedSchema,
  FunctionSchema,
  type RunResult,
  RunResultSchema,
  type Task,
  TaskSchema,
  type XanoFunction,
} from "../schemas.ts";
import type { XanoTarget } from "../errors.ts";
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

/** Objects that can be created or replaced from XanoScript. */
export type XanoscriptKind = "table" | "function" | "task" | "api_group" | "api";

/** Where a XanoScript object lives. `apiGroupId` is required for `api`. */
export interface XanoscriptTarget {
  readonly kind: XanoscriptKind;
  readonly apiGroupId?: number;
}

/** Options of reads that can include XanoScript source and drafts. */
export interface SourceOptions {
  readonly includeXanoscript?: boolean;
  readonly includeDraft?: boolean;
}

/** JSON input of `POST /workspace/{id}/apigroup`. */
export interface NewApiGroup {
  readonly name: string;
  readonly description?: string;
  readonly docs?: string;
  readonly swagger?: boolean;
  readonly tag?: readonly string[];
  readonly branch?: string;
}

/** JSON input of `POST …/apigroup/{group}/api`. */
export interface NewApi {
  readonly name: string;
  readonly verb: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly description?: string;
  readonly docs?: string;
  readonly tag?: readonly string[];
}

/** Methods about API groups, endpoints, functions, tasks and XanoScript deploys. */
export interface LogicMethods {
  /** `GET /workspace/{id}/apigroup`. */
  listApiGroups(workspaceId: number, options?: ListOptions): Promise<Page<ApiGroup>>;
  /** `GET /workspace/{id}/apigroup/{group}`. */
  getApiGroup(workspaceId: number, apiGroupId: number, options?: SourceOptions): Promise<ApiGroup>;
  /** `POST /workspace/{id}/apigroup` with JSON. Not idempotent. */
  createApiGroup(workspaceId: number, group: NewApiGroup): Promise<ApiGroup>;
  /** `PUT /workspace/{id}/apigroup/{group}` with JSON: name, description, docs, swagger, tags. */
  updateApiGroup(
    workspaceId: number,
    apiGroupId: number,
    group: Partial<NewApiGroup>,
  ): Promise<void>;
  /** `DELETE /workspace/{id}/apigroup/{group}` (and its endpoints). */
  deleteApiGroup(workspaceId: number, apiGroupId: number): Promise<void>;
  /** `GET /workspace/{id}/apigroup/{group}/api`. */
  listApis(workspaceId: number, apiGroupId: number, options?: ListOptions): Promise<Page<Api>>;
  /** `GET /workspace/{id}/apigroup/{group}/api/{api}` (with source via `includeXanoscript`). */
  getApi(
    workspaceId: number,
    apiGroupId: number,
    apiId: number,
    options?: SourceOptions,
  ): Promise<Api>;
  /**
   * `POST /workspace/{id}/apigroup/{group}/api` with JSON: an empty endpoint (use
   * {@link LogicMethods.createFromXanoscript} to create one with logic). Not idempotent.
   */
  createApi(workspaceId: number, apiGroupId: number, api: NewApi): Promise<Api>;
  /** `PUT /workspace/{id}/apigroup/{group}/api/{api}` with JSON settings (name, verb, auth, cache…). */
  updateApi(
    workspaceId: number,
    apiGroupId: number,
    apiId: number,
    api: Readonly<Record<string, unknown>>,
  ): Promise<void>;
  /** `DELETE /workspace/{id}/apigroup/{group}/api/{api}`. */
  deleteApi(workspaceId: number, apiGroupId: number, apiId: number): Promise<void>;
  /** `GET /workspace/{id}/function`. */
  listFunctions(workspaceId: number, options?: ListOptions): Promise<Page<XanoFunction>>;
  /** `GET /workspace/{id}/function/{function}`. */
  getFunction(
    workspaceId: number,
    functionId: number,
    options?: SourceOptions,
  ): Promise<XanoFunction>;
  /** `DELETE /workspace/{id}/function/{function}`. */
  deleteFunction(workspaceId: number, functionId: number): Promise<void>;
  /**
   * `POST /workspace/{id}/function/run`: runs a function by name. Not idempotent;
   * a `status` other than `"ok"` in the answer means the function itself errored.
   */
  runFunction(
    workspaceId: number,
    name: string,
    input: Readonly<Record<string, unknown>>,
    options?: { branch?: string },
  ): Promise<RunResult>;
  /** `GET /workspace/{id}/task`. */
  listTasks(workspaceId: number, options?: ListOptions): Promise<Page<Task>>;
  /** `GET /workspace/{id}/task/{task}`. */
  getTask(workspaceId: number, taskId: number, options?: SourceOptions): Promise<Task>;
  /** `DELETE /workspace/{id}/task/{task}`. */
  deleteTask(workspaceId: number, taskId: number): Promise<void>;
  /**
   * Creates an object from XanoScript: `POST` on the collection route with the
   * script as the body and `Content-Type: text/x-xanoscript`. Not idempotent.
   * A rejection is a `validation` error with `line`/`column` when Xano gives them.
   */
  createFromXanoscript(
    workspaceId: number,
    target: XanoscriptTarget,
    source: string,
  ): Promise<Created>;
  /**
   * Replaces an object from XanoScript: `PUT` on the item route
   * (`?publish=true` unless `publish` is false). Idempotent.
   */
  updateFromXanoscript(
    workspaceId: number,
    target: XanoscriptTarget & { readonly id: number },
    source: string,
    options?: { publish?: boolean },
  ): Promise<Created>;
}

const COLLECTION: Record<Exclude<XanoscriptKind, "api">, string> = {
  table: "table",
  function: "function",
  task: "task",
  api_group: "apigroup",
};

/** Builds {@link LogicMethods} on a transport. */
export function logicMethods(transport: Transport): LogicMethods {
  const group = (w: number, g: number) => `${ws(w)}/apigroup/${idPart("API group id", g)}`;
  const sourceQuery = (options: SourceOptions = {}) => ({
    include_xanoscript: options.includeXanoscript || undefined,
    include_draft: options.includeDraft || undefined,
  });

  function collectionPath(w: number, target: XanoscriptTarget): string {
    if (target.kind === "api") {
      if (target.apiGroupId === undefined) {
        throw new BadRequestError("Cannot deploy an API endpoint: apiGroupId is required");
      }
      return `${group(w, target.apiGroupId)}/api`;
    }
    return `${ws(w)}/${COLLECTION[target.kind]}`;
  }

  function errorTarget(w: number, target: XanoscriptTarget, id?: number): XanoTarget {
    return { kind: target.kind, id, workspaceId: w, apiGroupId: target.apiGroupId };
  }

  function remove(path: string, action: string, target: XanoTarget): Promise<void> {
    return transport.send({ method: "DELETE", path, op: { action, target }, parse: ignoreBody() });
  }

  return {
    listApiGroups(w, options) {
      const op = { action: "list API groups", target: { kind: "workspace", id: w } } as const;
      return transport.send({
        method: "GET",
        path: `${ws(w)}/apigroup`,
        query: listQuery(options),
        op,
        parse: pageWith(ApiGroupSchema, op),
      });
    },
    getApiGroup(w, g, options) {
      const op = {
        action: "get API group",
        target: { kind: "api_group", id: g, workspaceId: w },
      } as const;
      return transport.send({
        method: "GET",
        path: group(w, g),
        query: sourceQuery(options),
        op,
        parse: parseWith(ApiGroupSchema, op),
      });
    },
    createApiGroup(w, input) {
      const op = {
        action: `create API group "${input.name}"`,
        target: { kind: "workspace", id: w },
      } as const;
      return transport.send({
        method: "POST",
        path: `${ws(w)}/apigroup`,
        json: input,
        op,
        parse: parseWith(ApiGroupSchema, op),
      });
    },
    updateApiGroup(w, g, input) {
      const op = {
        action: "update API group",
        target: { kind: "api_group", id: g, workspaceId: w },
      } as const;
      return transport.send({
        method: "PUT",
        path: group(w, g),
        json: input,
        op,
        parse: ignoreBody(),
      });
    },
    deleteApiGroup: (w, g) =>
      remove(group(w, g), "delete API group", { kind: "api_group", id: g, workspaceId: w }),
    listApis(w, g, options) {
      const op = {
        action: "list endpoints",
        target: { kind: "api_group", id: g, workspaceId: w },
      } as const;
      return transport.send({
        method: "GET",
        path: `${group(w, g)}/api`,
        query: listQuery(options),
        op,
        parse: pageWith(ApiSchema, op),
      });
    },
    getApi(w, g, id, options) {
      const op = {
        action: "get endpoint",
        target: { kind: "api", id, workspaceId: w, apiGroupId: g },
      } as const;
      return transport.send({
        method: "GET",
        path: `${group(w, g)}/api/${idPart("endpoint id", id)}`,
        query: sourceQuery(options),
        op,
        parse: parseWith(ApiSchema, op),
      });
    },
    createApi(w, g, input) {
      const op = {
        action: `create endpoint "${input.name}"`,
        target: { kind: "api_group", id: g, workspaceId: w },
      } as const;
      return transport.send({
        method: "POST",
        path: `${group(w, g)}/api`,
        json: input,
        op,
        parse: parseWith(ApiSchema, op),
      });
    },
    updateApi(w, g, id, input) {
      const op = {
        action: "update endpoint",
        target: { kind: "api", id, workspaceId: w, apiGroupId: g },
      } as const;
      return transport.send({
        method: "PUT",
        path: `${group(w, g)}/api/${idPart("endpoint id", id)}`,
        json: input,
        op,
        parse: ignoreBody(),
      });
    },
    deleteApi: (w, g, id) =>
      remove(`${group(w, g)}/api/${idPart("endpoint id", id)}`, "delete endpoint", {
        kind: "api",
        id,
        workspaceId: w,
        apiGroupId: g,
      }),
    listFunctions(w, options) {
      const op = { action: "list functions", target: { kind: "workspace", id: w } } as const;
      return transport.send({
        method: "GET",
        path: `${ws(w)}/function`,
        query: listQuery(options),
        op,
        parse: pageWith(FunctionSchema, op),
      });
    },
    getFunction(w, id, options) {
      const op = {
        action: "get function",
        target: { kind: "function", id, workspaceId: w },
      } as const;
      return transport.send({
        method: "GET",
        path: `${ws(w)}/function/${idPart("function id", id)}`,
        query: sourceQuery(options),
        op,
        parse: parseWith(FunctionSchema, op),
      });
    },
    deleteFunction: (w, id) =>
      remove(`${ws(w)}/function/${idPart("function id", id)}`, "delete function", {
        kind: "function",
        id,
        workspaceId: w,
      }),
    runFunction(w, name, input, options = {}) {
      const op = {
        action: `run function "${name}"`,
        target: { kind: "workspace", id: w },
      } as const;
      return transport.send({
        method: "POST",
        path: `${ws(w)}/function/run`,
        json: { name, input, ...(options.branch ? { branch: options.branch } : {}) },
        op,
        parse: parseWith(RunResultSchema, op),
      });
    },
    listTasks(w, options) {
      const op = { action: "list tasks", target: { kind: "workspace", id: w } } as const;
      return transport.send({
        method: "GET",
        path: `${ws(w)}/task`,
        query: listQuery(options),
        op,
        parse: pageWith(TaskSchema, op),
      });
    },
    getTask(w, id, options) {
      const op = { action: "get task", target: { kind: "task", id, workspaceId: w } } as const;
      return transport.send({
        method: "GET",
        path: `${ws(w)}/task/${idPart("task id", id)}`,
        query: sourceQuery(options),
        op,
        parse: parseWith(TaskSchema, op),
      });
    },
    deleteTask: (w, id) =>
      remove(`${ws(w)}/task/${idPart("task id", id)}`, "delete task", {
        kind: "task",
        id,
        workspaceId: w,
      }),
    createFromXanoscript(w, target, source) {
      const op = {
        action: `create a ${target.kind.replace("_", " ")} from XanoScript`,
        target: errorTarget(w, target),
      };
      return transport.send({
        method: "POST",
        path: collectionPath(w, target),
        query: { include_xanoscript: false },
        xanoscript: source,
        op,
        parse: parseWith(CreatedSchema, op),
      });
    },
    updateFromXanoscript(w, target, source, options = {}) {
      const op = {
        action: `update the ${target.kind.replace("_", " ")} from XanoScript`,
        target: errorTarget(w, target, target.id),
      };
      return transport.send({
        method: "PUT",
        path: `${collectionPath(w, target)}/${idPart("id", target.id)}`,
        query: { publish: options.publish ?? true, include_xanoscript: false },
        xanoscript: source,
        op,
        parse: parseWith(CreatedSchema, op),
      });
    },
  };
}
