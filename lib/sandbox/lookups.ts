/**
 * Resolving path parameters to stored objects, with Xano's 404s.
 *
 * @module
 */

import type { Context } from "hono";
import type { SandboxContext, SandboxEnv } from "./context.ts";
import { notFound } from "./errors.ts";
import { idParam } from "./http.ts";
import type { ApiGroup, Table, Workspace } from "./model.ts";

/** The only branch of every sandbox workspace. */
export const LIVE_BRANCH = "v1";

/** The workspace named by `:workspace_id`; also checks the `branch` query. */
export async function workspaceOf(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
): Promise<Workspace> {
  const id = idParam(c, "workspace_id", "Workspace");
  const workspace = await ctx.db.workspaces.get(id);
  if (!workspace) throw notFound(`Workspace "${id}" was not found`);
  const branch = c.req.query("branch");
  if (branch !== undefined && branch !== "" && branch !== LIVE_BRANCH) {
    throw notFound(`Branch "${branch}" was not found: this workspace has only "${LIVE_BRANCH}"`);
  }
  return workspace;
}

/** The table named by `:table_id` in the workspace. */
export async function tableOf(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  workspace: Workspace,
): Promise<Table> {
  const id = idParam(c, "table_id", "Table");
  const table = await ctx.db.tables(workspace.id).get(id);
  if (!table) throw notFound(`Table "${id}" was not found in workspace ${workspace.id}`);
  return table;
}

/** The API group named by `:apigroup_id` in the workspace. */
export async function groupOf(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  workspace: Workspace,
): Promise<ApiGroup> {
  const id = idParam(c, "apigroup_id", "API group");
  const group = await ctx.db.apigroups(workspace.id).get(id);
  if (!group) throw notFound(`API group "${id}" was not found in workspace ${workspace.id}`);
  return group;
}

/** The data source picked by the `x-data-source` header (default `live`). */
export async function dataSourceOf(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  workspace: Workspace,
): Promise<string> {
  const label = c.req.header("x-data-source")?.trim() || "live";
  if (!(await ctx.db.datasources(workspace.id).get(label))) {
    throw notFound(`Data source "${label}" was not found in workspace ${workspace.id}`);
  }
  return label;
}
