/**
 * Toolset "apis": API groups, endpoints and functions. Sources (XanoScript)
 * are returned only when asked for.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { ok } from "../result.ts";
import {
  brief,
  cursorArg,
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
  type XanoObject,
  type XanoToolDeps,
} from "./_shared.ts";

const groupId = z.number().int().positive().describe("API group id from xano_list_api_groups");
const includeSource = z.boolean().optional().describe(
  "Also return the XanoScript source (can be long)",
);
const summary = z.object({ id: z.number(), name: z.string(), description: z.string().optional() });

function summarize(item: XanoObject) {
  return {
    id: numericId(item.id),
    name: String(item.name ?? item.id),
    ...(brief(item.description) ? { description: brief(item.description) } : {}),
  };
}

/** The XanoScript text of an object read with `includeXanoscript`. */
function sourceOf(item: XanoObject): string | undefined {
  const source = item.xanoscript;
  if (typeof source === "string") return source;
  if (
    source && typeof source === "object" &&
    typeof (source as { value?: unknown }).value === "string"
  ) {
    return (source as { value: string }).value;
  }
  return undefined;
}

const listArgs = {
  workspace_id: workspaceArg,
  search: z.string().max(100).optional(),
  cursor: cursorArg,
  limit: limitArg(200, 50),
};

export const listApiGroups = defineTool({
  name: "xano_list_api_groups",
  toolset: "apis",
  title: "List API groups",
  description:
    "Lists a workspace's API groups (id, name, canonical path). Endpoints are deployed into a group.",
  input: listArgs,
  output: {
    api_groups: z.array(summary.extend({ canonical: z.string().optional() })),
    ...pageOutput,
  },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const scope = listScope(deps, args);
    if (!scope.ok) return scope;
    const { ws, page } = scope;
    const result = await deps.xano.listApiGroups(ws, {
      page,
      perPage: args.limit ?? 50,
      search: args.search,
    });
    const groups = result.items.map((g) => ({
      ...summarize(g),
      ...(typeof g.canonical === "string" ? { canonical: g.canonical } : {}),
    }));
    const lines = groups.map((g) =>
      `- ${g.id}: ${g.name}${g.canonical ? ` (api:${g.canonical})` : ""}`
    );
    return ok(
      { api_groups: groups, ...pageInfo(result) },
      `${groups.length} API group(s)\n${lines.join("\n")}${moreLine(result)}`,
    );
  },
});

export const createApiGroup = defineTool({
  name: "xano_create_api_group",
  toolset: "apis",
  title: "Create an API group",
  description:
    "Creates an API group to hold endpoints. Returns its id for deploy_sdk_code and deploy_xanoscript.",
  input: {
    workspace_id: workspaceArg,
    name: z.string().min(1).max(100),
    description: z.string().max(500).optional(),
  },
  output: { api_group_id: z.number(), name: z.string(), canonical: z.string().optional() },
  annotations: WRITE,
  scope: "xano:write",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const group = await deps.xano.createApiGroup(ws, {
      name: args.name,
      ...(args.description ? { description: args.description } : {}),
    });
    const canonical = typeof group.canonical === "string" ? group.canonical : undefined;
    return ok(
      { api_group_id: numericId(group.id), name: args.name, ...(canonical ? { canonical } : {}) },
      `Created API group ${group.id}: ${args.name}${canonical ? ` (api:${canonical})` : ""}`,
    );
  },
});

export const listApis = defineTool({
  name: "xano_list_apis",
  toolset: "apis",
  title: "List endpoints",
  description: "Lists the endpoints of an API group: id, verb and path name.",
  input: { ...listArgs, api_group_id: groupId },
  output: { apis: z.array(summary.extend({ verb: z.string().optional() })), ...pageOutput },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const scope = listScope(deps, args);
    if (!scope.ok) return scope;
    const { ws, page } = scope;
    const result = await deps.xano.listApis(ws, args.api_group_id, {
      page,
      perPage: args.limit ?? 50,
      search: args.search,
    });
    const apis = result.items.map((a) => ({
      ...summarize(a),
      ...(typeof a.verb === "string" ? { verb: a.verb } : {}),
    }));
    const lines = apis.map((a) => `- ${a.id}: ${a.verb ?? "?"} /${a.name}`);
    return ok(
      { apis, ...pageInfo(result) },
      `${apis.length} endpoint(s) in group ${args.api_group_id}\n${lines.join("\n")}${
        moreLine(result)
      }`,
    );
  },
});

export const getApi = defineTool({
  name: "xano_get_api",
  toolset: "apis",
  title: "Get an endpoint",
  description:
    "Shows one endpoint: verb, name, description and inputs; its XanoScript only with include_source.",
  input: {
    workspace_id: workspaceArg,
    api_group_id: groupId,
    api_id: z.number().int().positive(),
    include_source: includeSource,
  },
  output: {
    api: summary.extend({
      verb: z.string().optional(),
      inputs: z.array(z.string()),
      source: z.string().optional(),
    }),
  },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const raw = await deps.xano.getApi(ws, args.api_group_id, args.api_id, {
      includeXanoscript: args.include_source ?? false,
    });
    const inputs = Array.isArray(raw.input)
      ? raw.input.map((i) => {
        const item = i as { name?: unknown; type?: unknown };
        return `${String(item.name ?? "?")}:${String(item.type ?? "?")}`;
      })
      : [];
    const source = args.include_source ? sourceOf(raw) : undefined;
    const api = {
      ...summarize(raw),
      ...(typeof raw.verb === "string" ? { verb: raw.verb } : {}),
      inputs,
      ...(source ? { source } : {}),
    };
    const text = `${api.verb ?? "?"} /${api.name} (id ${api.id})${
      api.description ? ` — ${api.description}` : ""
    }\nInputs: ${inputs.join(", ") || "none"}${source ? `\n\n${source}` : ""}`;
    return ok({ api }, text);
  },
});

export const listFunctions = defineTool({
  name: "xano_list_functions",
  toolset: "apis",
  title: "List functions",
  description: "Lists the workspace's reusable functions (id, name, description).",
  input: listArgs,
  output: { functions: z.array(summary), ...pageOutput },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const scope = listScope(deps, args);
    if (!scope.ok) return scope;
    const { ws, page } = scope;
    const result = await deps.xano.listFunctions(ws, {
      page,
      perPage: args.limit ?? 50,
      search: args.search,
    });
    const functions = result.items.map(summarize);
    const lines = functions.map((f) =>
      `- ${f.id}: ${f.name}${f.description ? ` — ${f.description}` : ""}`
    );
    return ok(
      { functions, ...pageInfo(result) },
      `${functions.length} function(s)\n${lines.join("\n")}${moreLine(result)}`,
    );
  },
});

export const getFunction = defineTool({
  name: "xano_get_function",
  toolset: "apis",
  title: "Get a function",
  description: "Shows one function; its XanoScript only with include_source.",
  input: {
    workspace_id: workspaceArg,
    function_id: z.number().int().positive(),
    include_source: includeSource,
  },
  output: { function: summary.extend({ source: z.string().optional() }) },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const raw = await deps.xano.getFunction(ws, args.function_id, {
      includeXanoscript: args.include_source ?? false,
    });
    const source = args.include_source ? sourceOf(raw) : undefined;
    const fn = { ...summarize(raw), ...(source ? { source } : {}) };
    return ok(
      { function: fn },
      `Function ${fn.id}: ${fn.name}${fn.description ? ` — ${fn.description}` : ""}${
        source ? `\n\n${source}` : ""
      }`,
    );
  },
});

/** Every tool of the toolset. */
export const apiTools = [
  listApiGroups,
  createApiGroup,
  listApis,
  getApi,
  listFunctions,
  getFunction,
];
