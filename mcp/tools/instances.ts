/**
 * Toolset "instances": the Xano instances and workspaces this connection can reach.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { fail, ok } from "../result.ts";
import {
  brief,
  numericId,
  READ,
  resolveWorkspace,
  workspaceArg,
  type XanoToolDeps,
} from "./_shared.ts";

const instanceOutput = z.object({
  name: z.string(),
  host: z.string().optional(),
  display: z.string().optional(),
});

function instanceOf(raw: Record<string, unknown>): z.infer<typeof instanceOutput> {
  const host = raw.host ?? raw.xano_domain ?? raw.meta_api ?? raw.url;
  return {
    name: String(raw.name),
    ...(typeof host === "string" ? { host } : {}),
    ...(typeof raw.display === "string" ? { display: raw.display } : {}),
  };
}

export const listInstances = defineTool({
  name: "xano_list_instances",
  toolset: "instances",
  title: "List Xano instances",
  description:
    "Lists the Xano instances (servers) this connection can reach, by name and host. Start here when the user has not said which backend to work on; then call xano_list_databases.",
  input: {},
  output: { instances: z.array(instanceOutput) },
  annotations: READ,
  scope: "xano:read",
  async handler(_args, deps: XanoToolDeps) {
    const page = await deps.xano.listInstances();
    const instances = page.items.map((item) => instanceOf(item));
    const lines = instances.map((i) => `- ${i.name}${i.host ? ` (${i.host})` : ""}`);
    return ok({ instances }, `${instances.length} instance(s)\n${lines.join("\n")}`);
  },
});

export const getInstanceDetails = defineTool({
  name: "xano_get_instance_details",
  toolset: "instances",
  title: "Get instance details",
  description:
    "Shows one Xano instance by name (from xano_list_instances): its host and display name.",
  input: {
    instance_name: z.string().min(1).max(200).describe("Instance name from xano_list_instances"),
  },
  output: { instance: instanceOutput },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const instance = instanceOf(await deps.xano.getInstance(args.instance_name));
    return ok(
      { instance },
      `Instance ${instance.name}${instance.host ? ` at ${instance.host}` : ""}`,
    );
  },
});

const workspaceOutput = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().optional(),
});

export const listDatabases = defineTool({
  name: "xano_list_databases",
  toolset: "instances",
  title: "List workspaces (databases)",
  description:
    "Lists the workspaces of the connected Xano instance with their ids. Every table, API and function tool needs a workspace_id from here (unless the connection is pinned to one).",
  input: {},
  output: { workspaces: z.array(workspaceOutput), pinned_workspace_id: z.number().optional() },
  annotations: READ,
  scope: "xano:read",
  async handler(_args, deps: XanoToolDeps) {
    const page = await deps.xano.listWorkspaces();
    const workspaces = page.items
      .filter((w) => deps.workspaceId === undefined || numericId(w.id) === deps.workspaceId)
      .map((w) => ({
        id: numericId(w.id),
        name: String(w.name ?? w.id),
        ...(brief(w.description) ? { description: brief(w.description) } : {}),
      }));
    const lines = workspaces.map((w) =>
      `- ${w.id}: ${w.name}${w.description ? ` — ${w.description}` : ""}`
    );
    const pinned = deps.workspaceId === undefined ? {} : { pinned_workspace_id: deps.workspaceId };
    return ok({ workspaces, ...pinned }, `${workspaces.length} workspace(s)\n${lines.join("\n")}`);
  },
});

export const getWorkspaceDetails = defineTool({
  name: "xano_get_workspace_details",
  toolset: "instances",
  title: "Get workspace details",
  description:
    "Shows one workspace: name, description and branch. Use xano_list_tables or analyze_workspace for its contents.",
  input: { workspace_id: workspaceArg },
  output: {
    workspace: z.object({
      id: z.number(),
      name: z.string(),
      description: z.string().optional(),
      branch: z.string().optional(),
    }),
  },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const raw = await deps.xano.getWorkspace(ws);
    if (!raw) return fail(`Workspace ${ws} does not exist`, "Call xano_list_databases");
    const branch = typeof raw.branch === "string" ? raw.branch : undefined;
    const workspace = {
      id: numericId(raw.id),
      name: String(raw.name),
      ...(brief(raw.description, 200) ? { description: brief(raw.description, 200) } : {}),
      ...(branch ? { branch } : {}),
    };
    return ok(
      { workspace },
      `Workspace ${workspace.id}: ${workspace.name}${
        workspace.description ? `\n${workspace.description}` : ""
      }`,
    );
  },
});

/** Every tool of the toolset. */
export const instanceTools = [
  listInstances,
  getInstanceDetails,
  listDatabases,
  getWorkspaceDetails,
];
