/**
 * The workspace-wide endpoint routes older clients use: `GET …/api` (every
 * endpoint of every group), `GET …/api/{id}`, and `POST …/api` with a
 * XanoScript `query` whose `api_group = "…"` picks the group.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { badRequest, inputError, notFound } from "../errors.ts";
import { flag, idParam, isXanoScript, readText } from "../http.ts";
import { listPage } from "../listing.ts";
import { fromScript, newLogic, presentLogic } from "../logic.ts";
import { workspaceOf } from "../lookups.ts";
import type { ApiGroup, Logic } from "../model.ts";
import { requireScope } from "../tokens.ts";
import { assertUnique } from "./logic_routes.ts";

/** Registers the workspace-wide endpoint routes. */
export function workspaceApiRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const base = "/workspace/:workspace_id/api";
  const allow = (c: Context<SandboxEnv>, right: "C" | "R") =>
    requireScope(c.get("principal").token, "api", right);

  const present = (c: Context<SandboxEnv>, logic: Logic, groups: readonly ApiGroup[]) =>
    presentLogic(logic, {
      xanoscript: flag(c, "include_xanoscript"),
      draft: flag(c, "include_draft"),
      groupName: groups.find((g) => g.id === logic.apigroup_id)?.name,
    });

  app.get(base, async (c) => {
    allow(c, "R");
    const workspace = await workspaceOf(ctx, c);
    const groups = await ctx.db.apigroups(workspace.id).list();
    const all = await ctx.db.logic(workspace.id, "api").list();
    return c.json(listPage(c, all, (l) => present(c, l, groups)));
  });

  app.get(`${base}/:api_id`, async (c) => {
    allow(c, "R");
    const workspace = await workspaceOf(ctx, c);
    const id = idParam(c, "api_id", "Endpoint");
    const logic = await ctx.db.logic(workspace.id, "api").get(id);
    if (!logic) throw notFound(`Endpoint "${id}" was not found`);
    return c.json(present(c, logic, await ctx.db.apigroups(workspace.id).list()));
  });

  app.post(base, async (c) => {
    allow(c, "C");
    const workspace = await workspaceOf(ctx, c);
    if (!isXanoScript(c)) {
      throw badRequest(
        "Send a XanoScript query (Content-Type: text/x-xanoscript), or POST JSON to …/apigroup/{id}/api",
      );
    }
    const source = await readText(c);
    const object = ctx.xs.accept(source, ["query"]);
    const groups = await ctx.db.apigroups(workspace.id).list();
    if (object.apiGroup === undefined) {
      throw inputError("api_group", `The script needs api_group = "<group name>" on this route`);
    }
    const wanted = object.apiGroup.toLowerCase();
    const group = groups.find((g) =>
      g.name.toLowerCase() === wanted || g.canonical.toLowerCase() === wanted
    );
    if (!group) throw inputError("api_group", `API group "${object.apiGroup}" was not found`);
    const [id, sequence] = await ctx.db.nextId(["api", workspace.id]);
    const logic = newLogic(
      ctx,
      { id, kind: "api", workspaceId: workspace.id, apigroupId: group.id },
      fromScript(object, source),
    );
    await assertUnique(ctx, workspace, logic);
    await ctx.db.commit([sequence, ctx.db.logic(workspace.id, "api").set(id, logic)]);
    return c.json(present(c, logic, groups));
  });
}
