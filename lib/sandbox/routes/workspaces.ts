/**
 * Workspace routes: list (a bare array), get, create, update, delete, and the
 * workspace's branches and data sources (bare arrays too).
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { inputError, notFound } from "../errors.ts";
import { readBody } from "../http.ts";
import { LIVE_BRANCH, workspaceOf } from "../lookups.ts";
import { type DataSource, metaTime, type Workspace } from "../model.ts";
import type { Mutation } from "../store.ts";
import { requireScope } from "../tokens.ts";

const workspaceBody = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(10_000).optional(),
});

const dataSourceBody = z.object({
  label: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "must be lowercase letters, digits, - or _"),
  color: z.string().max(32).optional(),
});

/** The JSON shape of a workspace. */
export function presentWorkspace(workspace: Workspace): Record<string, unknown> {
  return {
    id: workspace.id,
    name: workspace.name,
    description: workspace.description,
    branch: LIVE_BRANCH,
    created_at: metaTime(workspace.created_at),
    updated_at: metaTime(workspace.updated_at),
  };
}

/** Registers the workspace routes. */
export function workspaceRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const allow = (c: Context<SandboxEnv>, right: "C" | "R" | "U" | "D") =>
    requireScope(c.get("principal").token, "workspace", right);

  app.get("/workspace", async (c) => {
    allow(c, "R");
    return c.json((await ctx.db.workspaces.list()).map(presentWorkspace));
  });

  app.post("/workspace", async (c) => {
    allow(c, "C");
    const body = await readBody(c, workspaceBody);
    const workspace = await createWorkspace(ctx, body.name, body.description ?? "");
    return c.json(presentWorkspace(workspace));
  });

  app.get("/workspace/:workspace_id", async (c) => {
    allow(c, "R");
    return c.json(presentWorkspace(await workspaceOf(ctx, c)));
  });

  app.put("/workspace/:workspace_id", async (c) => {
    allow(c, "U");
    const workspace = await workspaceOf(ctx, c);
    const body = await readBody(c, workspaceBody.partial());
    const updated: Workspace = {
      ...workspace,
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.description === undefined ? {} : { description: body.description }),
      updated_at: ctx.clock.now(),
    };
    await ctx.db.commit([ctx.db.workspaces.set(workspace.id, updated)]);
    return c.json(presentWorkspace(updated));
  });

  app.delete("/workspace/:workspace_id", async (c) => {
    allow(c, "D");
    const workspace = await workspaceOf(ctx, c);
    await ctx.db.commit(await workspaceDeletion(ctx, workspace.id));
    return c.json({});
  });

  app.get("/workspace/:workspace_id/branch", async (c) => {
    allow(c, "R");
    const workspace = await workspaceOf(ctx, c);
    return c.json([{
      created_at: metaTime(workspace.created_at),
      label: LIVE_BRANCH,
      live: true,
      backup: false,
    }]);
  });

  app.get("/workspace/:workspace_id/datasource", async (c) => {
    allow(c, "R");
    const workspace = await workspaceOf(ctx, c);
    return c.json(await ctx.db.datasources(workspace.id).list());
  });

  app.post("/workspace/:workspace_id/datasource", async (c) => {
    allow(c, "C");
    const workspace = await workspaceOf(ctx, c);
    const body = await readBody(c, dataSourceBody);
    const sources = ctx.db.datasources(workspace.id);
    if (await sources.get(body.label)) {
      throw inputError("label", `Data source "${body.label}" already exists`);
    }
    const source: DataSource = { label: body.label, color: body.color ?? "#6b7280" };
    await ctx.db.commit([sources.set(source.label, source)]);
    return c.json(await sources.list());
  });

  app.put("/workspace/:workspace_id/datasource/:label", async (c) => {
    allow(c, "U");
    const workspace = await workspaceOf(ctx, c);
    const source = await existingSource(c, workspace.id);
    const body = await readBody(c, dataSourceBody.pick({ color: true }));
    const updated = { ...source, color: body.color ?? source.color };
    await ctx.db.commit([ctx.db.datasources(workspace.id).set(source.label, updated)]);
    return c.json(await ctx.db.datasources(workspace.id).list());
  });

  app.delete("/workspace/:workspace_id/datasource/:label", async (c) => {
    allow(c, "D");
    const workspace = await workspaceOf(ctx, c);
    const source = await existingSource(c, workspace.id);
    if (source.label === "live") {
      throw inputError("label", `The "live" data source cannot be deleted`);
    }
    const mutations: Mutation[] = [ctx.db.datasources(workspace.id).delete(source.label)];
    for (const table of await ctx.db.tables(workspace.id).list()) {
      const rows = ctx.db.rows(workspace.id, table.id, source.label);
      for (const row of await rows.list()) mutations.push(rows.delete(row.id));
    }
    await ctx.db.commit(mutations);
    return c.json(await ctx.db.datasources(workspace.id).list());
  });

  async function existingSource(c: Context<SandboxEnv>, workspaceId: number): Promise<DataSource> {
    const label = c.req.param("label") ?? "";
    const source = await ctx.db.datasources(workspaceId).get(label);
    if (!source) throw notFound(`Data source "${label}" was not found`);
    return source;
  }
}

/** Creates a workspace with the `live` and `test` data sources. */
export async function createWorkspace(
  ctx: SandboxContext,
  name: string,
  description: string,
): Promise<Workspace> {
  const existing = await ctx.db.workspaces.list();
  if (existing.some((w) => w.name.toLowerCase() === name.toLowerCase())) {
    throw inputError("name", `A workspace named "${name}" already exists`);
  }
  const [id, sequence] = await ctx.db.nextId(["workspace"]);
  const now = ctx.clock.now();
  const workspace: Workspace = { id, created_at: now, updated_at: now, name, description };
  const sources = ctx.db.datasources(id);
  await ctx.db.commit([
    sequence,
    ctx.db.workspaces.set(id, workspace),
    sources.set("live", { label: "live", color: "#10b981" }),
    sources.set("test", { label: "test", color: "#f59e0b" }),
  ]);
  return workspace;
}

async function workspaceDeletion(ctx: SandboxContext, id: number): Promise<Mutation[]> {
  const { db } = ctx;
  const mutations: Mutation[] = [db.workspaces.delete(id)];
  const sources = await db.datasources(id).list();
  for (const table of await db.tables(id).list()) {
    for (const source of sources) {
      const rows = db.rows(id, table.id, source.label);
      for (const row of await rows.list()) mutations.push(rows.delete(row.id));
    }
    mutations.push(db.tables(id).delete(table.id));
  }
  for (const source of sources) mutations.push(db.datasources(id).delete(source.label));
  for (const group of await db.apigroups(id).list()) {
    mutations.push(db.apigroups(id).delete(group.id));
  }
  for (const kind of ["api", "function", "task"] as const) {
    for (const item of await db.logic(id, kind).list()) {
      mutations.push(db.logic(id, kind).delete(item.id));
    }
  }
  for (const entry of await db.history(id).list()) mutations.push(db.history(id).delete(entry.id));
  return mutations;
}
