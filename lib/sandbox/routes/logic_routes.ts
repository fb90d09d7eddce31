/**
 * Routes for endpoints, functions and tasks, which share one shape: list
 * (`include_xanoscript`, `include_draft`), create (JSON makes an empty
 * object; a XanoScript body makes it with its logic), get, update
 * (`publish=false` keeps a XanoScript change as a draft), delete and security.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { inputError, notFound } from "../errors.ts";
import { flag, idParam, isXanoScript, parseWith, readJson, readText } from "../http.ts";
import { listPage } from "../listing.ts";
import { fromScript, newLogic, presentLogic, SCRIPT_KIND } from "../logic.ts";
import { groupOf, workspaceOf } from "../lookups.ts";
import type { ApiGroup, Logic, LogicKind, Workspace } from "../model.ts";
import { requireScope, type ScopeArea } from "../tokens.ts";

const VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;

const jsonBodies = {
  api: z.object({
    branch: z.string().optional(),
    name: z.string().trim().min(1).max(200),
    description: z.string().optional(),
    docs: z.string().optional(),
    verb: z.enum(VERBS).optional(),
    auth: z.string().optional(),
    tag: z.array(z.string()).optional(),
    cache: z.record(z.string(), z.unknown()).optional(),
  }),
  function: z.object({
    branch: z.string().optional(),
    name: z.string().trim().min(1).max(200),
    description: z.string().optional(),
    docs: z.string().optional(),
    tag: z.array(z.string()).optional(),
    cache: z.record(z.string(), z.unknown()).optional(),
  }),
  task: z.object({
    branch: z.string().optional(),
    name: z.string().trim().min(1).max(200),
    description: z.string().optional(),
    docs: z.string().optional(),
    tag: z.array(z.string()).optional(),
    datasource: z.string().optional(),
    active: z.boolean().optional(),
  }),
};

const AREA: Record<LogicKind, ScopeArea> = { api: "api", function: "function", task: "task" };
const NOUN: Record<LogicKind, string> = { api: "Endpoint", function: "Function", task: "Task" };

/**
 * Throws when another object of the same kind already has this identity:
 * the name (and, for endpoints, the group and verb).
 */
export async function assertUnique(
  ctx: SandboxContext,
  workspace: Workspace,
  candidate: Pick<Logic, "kind" | "name" | "verb" | "apigroup_id"> & { id?: number },
): Promise<void> {
  const all = await ctx.db.logic(workspace.id, candidate.kind).list();
  const clash = all.find((l) =>
    l.id !== candidate.id && l.name === candidate.name &&
    (candidate.kind !== "api" ||
      (l.apigroup_id === candidate.apigroup_id && l.verb === candidate.verb))
  );
  if (clash) {
    const what = candidate.kind === "api"
      ? `${candidate.verb} "${candidate.name}"`
      : `"${candidate.name}"`;
    throw inputError("name", `${NOUN[candidate.kind]} ${what} already exists (id ${clash.id})`);
  }
}

/** Throws when an endpoint script names a group other than `group`. */
export function assertSameGroup(scriptGroup: string | undefined, group: ApiGroup): void {
  if (scriptGroup === undefined) return;
  const wanted = scriptGroup.toLowerCase();
  if (wanted !== group.name.toLowerCase() && wanted !== group.canonical.toLowerCase()) {
    throw inputError(
      "api_group",
      `The script says api_group = "${scriptGroup}" but the URL names API group "${group.name}"`,
    );
  }
}

/** Registers the routes of one kind under `collection` (a path with `:workspace_id`). */
export function logicRoutes(kind: LogicKind, collection: string) {
  return function register(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
    const item = `${collection}/:item_id`;
    const allow = (c: Context<SandboxEnv>, right: "C" | "R" | "U" | "D") =>
      requireScope(c.get("principal").token, AREA[kind], right);

    async function scope(c: Context<SandboxEnv>) {
      const workspace = await workspaceOf(ctx, c);
      const group = kind === "api" ? await groupOf(ctx, c, workspace) : undefined;
      return { workspace, group, store: ctx.db.logic(workspace.id, kind) };
    }

    async function load(c: Context<SandboxEnv>) {
      const context = await scope(c);
      const id = idParam(c, "item_id", NOUN[kind]);
      const found = await context.store.get(id);
      if (!found || (context.group && found.apigroup_id !== context.group.id)) {
        throw notFound(`${NOUN[kind]} "${id}" was not found`);
      }
      return { ...context, logic: found };
    }

    const present = (c: Context<SandboxEnv>, logic: Logic, group?: ApiGroup) =>
      presentLogic(logic, {
        xanoscript: flag(c, "include_xanoscript"),
        draft: flag(c, "include_draft"),
        groupName: group?.name,
      });

    async function scripted(c: Context<SandboxEnv>, group?: ApiGroup) {
      const source = await readText(c);
      const object = ctx.xs.accept(source, [SCRIPT_KIND[kind]]);
      if (group) assertSameGroup(object.apiGroup, group);
      return fromScript(object, source);
    }

    app.get(collection, async (c) => {
      allow(c, "R");
      const { store, group } = await scope(c);
      const all = (await store.list()).filter((l) => !group || l.apigroup_id === group.id);
      return c.json(listPage(c, all, (l) => present(c, l, group)));
    });

    app.post(collection, async (c) => {
      allow(c, "C");
      const { workspace, group, store } = await scope(c);
      const fields: Partial<Logic> = isXanoScript(c)
        ? await scripted(c, group)
        : withoutBranch(parseWith(jsonBodies[kind], await readJson(c)));
      const [id, sequence] = await ctx.db.nextId([kind, workspace.id]);
      const logic = newLogic(
        ctx,
        { id, kind, workspaceId: workspace.id, apigroupId: group?.id },
        fields,
      );
      await assertUnique(ctx, workspace, logic);
      await ctx.db.commit([sequence, store.set(id, logic)]);
      return c.json(present(c, logic, group));
    });

    app.get(item, async (c) => {
      allow(c, "R");
      const { logic, group } = await load(c);
      return c.json(present(c, logic, group));
    });

    app.put(item, async (c) => {
      allow(c, "U");
      const { workspace, group, store, logic } = await load(c);
      let updated: Logic;
      if (isXanoScript(c)) {
        const fields = await scripted(c, group);
        updated = flag(c, "publish", true)
          ? { ...logic, ...fields, updated_at: ctx.clock.now() }
          : { ...logic, draft: fields.source, updated_at: ctx.clock.now() };
      } else {
        const body = withoutBranch(parseWith(jsonBodies[kind].partial(), await readJson(c)));
        updated = { ...logic, ...body, source: undefined, updated_at: ctx.clock.now() };
      }
      await assertUnique(ctx, workspace, updated);
      await ctx.db.commit([store.set(logic.id, updated)]);
      return c.json(present(c, updated, group));
    });

    app.put(`${item}/security`, async (c) => {
      allow(c, "U");
      const { store, logic, group } = await load(c);
      const body = parseWith(z.object({ guid: z.string().min(1) }), await readJson(c));
      const updated: Logic = { ...logic, guid: body.guid, updated_at: ctx.clock.now() };
      await ctx.db.commit([store.set(logic.id, updated)]);
      return c.json(present(c, updated, group));
    });

    app.delete(item, async (c) => {
      allow(c, "D");
      const { store, logic } = await load(c);
      await ctx.db.commit([store.delete(logic.id)]);
      return c.json({});
    });
  };
}

function withoutBranch<T extends { branch?: string }>(body: T): Omit<T, "branch"> {
  const { branch: _branch, ...rest } = body;
  return rest;
}
