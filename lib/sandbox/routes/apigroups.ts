/**
 * API group routes: list, create (JSON or an `api_group` script), get,
 * update, delete (with its endpoints) and security (`guid`, `canonical`).
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { inputError } from "../errors.ts";
import { flag, isXanoScript, parseWith, readJson, readText } from "../http.ts";
import { listPage } from "../listing.ts";
import { groupOf, workspaceOf } from "../lookups.ts";
import { type ApiGroup, metaTime, type Workspace } from "../model.ts";
import { renderApiGroup } from "../render.ts";
import type { Mutation } from "../store.ts";
import { requireScope } from "../tokens.ts";

const CANONICAL = /^[A-Za-z0-9_-]{1,64}$/;

const groupBody = z.object({
  branch: z.string().optional(),
  name: z.string().trim().min(1).max(100),
  description: z.string().optional(),
  docs: z.string().optional(),
  swagger: z.boolean().optional(),
  tag: z.array(z.string()).optional(),
});

/** The JSON shape of an API group. */
export function presentGroup(group: ApiGroup, xanoscript: boolean): Record<string, unknown> {
  return {
    id: group.id,
    created_at: metaTime(group.created_at),
    updated_at: metaTime(group.updated_at),
    name: group.name,
    description: group.description,
    docs: group.docs,
    guid: group.guid,
    canonical: group.canonical,
    branch: "v1",
    swagger: group.swagger,
    tag: group.tag,
    ...(xanoscript
      ? { xanoscript: { status: "ok", value: group.source ?? renderApiGroup(group) } }
      : {}),
  };
}

/** Throws unless `canonical` is well formed and unused by any other group of the instance. */
export async function assertFreeCanonical(
  ctx: SandboxContext,
  canonical: string,
  except?: { workspaceId: number; id: number },
): Promise<void> {
  if (!CANONICAL.test(canonical)) {
    throw inputError("canonical", `Canonical "${canonical}" may only use letters, digits, - and _`);
  }
  for (const workspace of await ctx.db.workspaces.list()) {
    for (const group of await ctx.db.apigroups(workspace.id).list()) {
      if (
        group.canonical === canonical &&
        !(except?.workspaceId === workspace.id && except.id === group.id)
      ) {
        throw inputError(
          "canonical",
          `Canonical "${canonical}" is already used by API group "${group.name}"`,
        );
      }
    }
  }
}

/** Registers the API group routes. */
export function apiGroupRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const base = "/workspace/:workspace_id/apigroup";
  const allow = (c: Context<SandboxEnv>, right: "C" | "R" | "U" | "D") =>
    requireScope(c.get("principal").token, "api", right);

  async function assertFreeName(workspace: Workspace, name: string, except?: number) {
    const groups = await ctx.db.apigroups(workspace.id).list();
    if (groups.some((g) => g.id !== except && g.name.toLowerCase() === name.toLowerCase())) {
      throw inputError("name", `An API group named "${name}" already exists`);
    }
  }

  async function fromScript(c: Context<SandboxEnv>, workspace: Workspace, existing?: ApiGroup) {
    const source = await readText(c);
    const object = ctx.xs.accept(source, ["api_group"]);
    const canonical = object.attributes?.canonical ?? "";
    await assertFreeName(workspace, object.name, existing?.id);
    await assertFreeCanonical(
      ctx,
      canonical,
      existing && { workspaceId: workspace.id, id: existing.id },
    );
    return { name: object.name, canonical, description: object.description ?? "", source };
  }

  app.get(base, async (c) => {
    allow(c, "R");
    const workspace = await workspaceOf(ctx, c);
    const xanoscript = flag(c, "include_xanoscript");
    const groups = await ctx.db.apigroups(workspace.id).list();
    return c.json(listPage(c, groups, (g) => presentGroup(g, xanoscript)));
  });

  app.post(base, async (c) => {
    allow(c, "C");
    const workspace = await workspaceOf(ctx, c);
    let fields: Partial<ApiGroup>;
    if (isXanoScript(c)) fields = await fromScript(c, workspace);
    else {
      const body = parseWith(groupBody, await readJson(c));
      await assertFreeName(workspace, body.name);
      const { branch: _branch, ...rest } = body;
      fields = { ...rest, canonical: ctx.ids().replace(/[^A-Za-z0-9]/g, "").slice(0, 8) };
      await assertFreeCanonical(ctx, fields.canonical!);
    }
    const [id, sequence] = await ctx.db.nextId(["apigroup", workspace.id]);
    const now = ctx.clock.now();
    const group: ApiGroup = {
      id,
      workspace_id: workspace.id,
      created_at: now,
      updated_at: now,
      name: "",
      description: "",
      docs: "",
      guid: ctx.ids(),
      canonical: "",
      swagger: true,
      tag: [],
      ...fields,
    };
    await ctx.db.commit([sequence, ctx.db.apigroups(workspace.id).set(id, group)]);
    return c.json(presentGroup(group, flag(c, "include_xanoscript")));
  });

  app.get(`${base}/:apigroup_id`, async (c) => {
    allow(c, "R");
    const workspace = await workspaceOf(ctx, c);
    return c.json(presentGroup(await groupOf(ctx, c, workspace), flag(c, "include_xanoscript")));
  });

  app.put(`${base}/:apigroup_id`, async (c) => {
    allow(c, "U");
    const workspace = await workspaceOf(ctx, c);
    const group = await groupOf(ctx, c, workspace);
    let changes: Partial<ApiGroup>;
    if (isXanoScript(c)) changes = await fromScript(c, workspace, group);
    else {
      const body = parseWith(groupBody.partial(), await readJson(c));
      if (body.name !== undefined) await assertFreeName(workspace, body.name, group.id);
      const { branch: _branch, ...rest } = body;
      changes = { ...rest, source: undefined };
    }
    const updated: ApiGroup = { ...group, ...changes, updated_at: ctx.clock.now() };
    await ctx.db.commit([ctx.db.apigroups(workspace.id).set(group.id, updated)]);
    return c.json(presentGroup(updated, flag(c, "include_xanoscript")));
  });

  app.put(`${base}/:apigroup_id/security`, async (c) => {
    allow(c, "U");
    const workspace = await workspaceOf(ctx, c);
    const group = await groupOf(ctx, c, workspace);
    const body = parseWith(
      z.object({ guid: z.string().min(1).optional(), canonical: z.string().optional() }),
      await readJson(c),
    );
    if (body.canonical !== undefined) {
      await assertFreeCanonical(ctx, body.canonical, { workspaceId: workspace.id, id: group.id });
    }
    const updated: ApiGroup = { ...group, ...body, source: undefined, updated_at: ctx.clock.now() };
    await ctx.db.commit([ctx.db.apigroups(workspace.id).set(group.id, updated)]);
    return c.json(presentGroup(updated, false));
  });

  app.delete(`${base}/:apigroup_id`, async (c) => {
    allow(c, "D");
    const workspace = await workspaceOf(ctx, c);
    const group = await groupOf(ctx, c, workspace);
    const endpoints = ctx.db.logic(workspace.id, "api");
    const mutations: Mutation[] = [ctx.db.apigroups(workspace.id).delete(group.id)];
    for (const endpoint of await endpoints.list()) {
      if (endpoint.apigroup_id === group.id) mutations.push(endpoints.delete(endpoint.id));
    }
    await ctx.db.commit(mutations);
    return c.json({});
  });
}
