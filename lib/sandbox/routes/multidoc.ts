/**
 * Multidoc routes: `GET …/multidoc` exports the workspace's API groups,
 * tables, functions, tasks and endpoints as XanoScript documents joined by
 * `---` lines; `POST …/multidoc` validates every document first and then
 * creates or updates all of them in one commit (`delete=true` also removes
 * the tables, with their records, and the logic the multidoc does not
 * mention); `POST …/multidoc/dry-run` reports what a push would do without
 * doing it.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { badRequest, inputError } from "../errors.ts";
import { flag, isXanoScript, readText } from "../http.ts";
import { fromScript, newLogic, SCRIPT_KIND } from "../logic.ts";
import { workspaceOf } from "../lookups.ts";
import type { ApiGroup, Logic, LogicKind, Table, Workspace } from "../model.ts";
import { dropRemovedColumns, tableFromScript } from "../table_script.ts";
import { renderApiGroup, renderLogic, renderTable } from "../render.ts";
import type { Mutation } from "../store.ts";
import { requireScope } from "../tokens.ts";
import type { ScriptDocument } from "../xanoscript.ts";
import { assertFreeCanonical } from "./apigroups.ts";

/** What a push did (or, for a dry run, would do) to one object. */
interface PushAction {
  readonly kind: string;
  readonly name: string;
  readonly action: "create" | "update" | "delete";
  readonly id: number;
}

const ORDER = ["table", "api_group", "function", "task", "query"];
const KIND_OF: Record<string, LogicKind> = { function: "function", task: "task", query: "api" };

/** Registers the multidoc routes. */
export function multidocRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const base = "/workspace/:workspace_id/multidoc";

  app.get(base, async (c) => {
    for (const area of ["api", "function", "task", "database"] as const) {
      requireScope(c.get("principal").token, area, "R");
    }
    const workspace = await workspaceOf(ctx, c);
    const { db } = ctx;
    const groups = await db.apigroups(workspace.id).list();
    const tables = await db.tables(workspace.id).list();
    const names = new Map(tables.map((t) => [t.id, t.name]));
    const documents = [
      ...groups.map((g) => g.source ?? renderApiGroup(g)),
      ...tables.map((t) => t.source ?? renderTable(t, names)),
    ];
    for (const kind of ["function", "task", "api"] as const) {
      for (const logic of await db.logic(workspace.id, kind).list()) {
        const group = groups.find((g) => g.id === logic.apigroup_id)?.name;
        documents.push(logic.source ?? renderLogic(logic, group));
      }
    }
    return c.body(documents.join("\n---\n"), 200, {
      "content-type": "text/x-xanoscript; charset=utf-8",
    });
  });

  async function push(c: Context<SandboxEnv>, apply: boolean) {
    const rights = flag(c, "delete") ? ["C", "U", "D"] as const : ["C", "U"] as const;
    for (const area of ["api", "function", "task", "database"] as const) {
      for (const right of rights) requireScope(c.get("principal").token, area, right);
    }
    if (!isXanoScript(c)) {
      throw badRequest("Send the multidoc as XanoScript (Content-Type: text/x-xanoscript)");
    }
    const workspace = await workspaceOf(ctx, c);
    const documents = ctx.xs.acceptMany(await readText(c));
    const unsupported = documents.find((d) => !ORDER.includes(d.object.kind));
    if (unsupported) {
      throw inputError(
        "multidoc",
        `The sandbox stores ${
          ORDER.join(", ")
        } objects; "${unsupported.object.kind} ${unsupported.object.name}" is not one of them`,
      );
    }
    const plan = await planPush(ctx, workspace, documents, flag(c, "delete"));
    if (apply) await ctx.db.commit(plan.mutations);
    const count = (action: PushAction["action"]) =>
      plan.actions.filter((a) => a.action === action).length;
    return c.json({
      status: "ok",
      dry_run: !apply,
      summary: { created: count("create"), updated: count("update"), deleted: count("delete") },
      objects: plan.actions,
    });
  }

  app.post(base, (c) => push(c, true));
  app.post(`${base}/dry-run`, (c) => push(c, false));
}

/** The accumulated result of a push plan. */
interface Plan {
  readonly actions: PushAction[];
  readonly mutations: Mutation[];
  readonly kept: Set<string>;
  readonly deleteOthers: boolean;
}

async function planTables(
  ctx: SandboxContext,
  workspace: Workspace,
  documents: readonly ScriptDocument[],
  plan: Plan,
): Promise<void> {
  const store = ctx.db.tables(workspace.id);
  const existing = await store.list();
  const tableIds = new Map(existing.map((t) => [t.name, t.id]));
  let nextId = await ctx.db.lastId(["table", workspace.id]);
  const scripts = documents.filter((d) => d.object.kind === "table");
  for (const { object } of scripts) {
    if (!tableIds.has(object.name)) tableIds.set(object.name, ++nextId);
  }
  const now = ctx.clock.now();
  for (const { object, source } of scripts) {
    const id = tableIds.get(object.name)!;
    if (plan.kept.has(`table:${id}`)) {
      throw inputError("multidoc", `table "${object.name}" appears twice in the multidoc`);
    }
    plan.kept.add(`table:${id}`);
    const match = existing.find((t) => t.id === id);
    const draft = tableFromScript(ctx, object, source, { existing: match, tableIds });
    const table: Table = match
      ? { ...match, ...draft, updated_at: now }
      : { ...draft, id, workspace_id: workspace.id, created_at: now, updated_at: now };
    if (match) plan.mutations.push(...await dropRemovedColumns(ctx, match, table.schema));
    plan.mutations.push(store.set(id, table));
    plan.actions.push({ kind: "table", name: table.name, action: match ? "update" : "create", id });
  }
  plan.mutations.push(ctx.db.setLastId(["table", workspace.id], nextId));
  if (!plan.deleteOthers) return;
  const sources = await ctx.db.datasources(workspace.id).list();
  for (const table of existing.filter((t) => !plan.kept.has(`table:${t.id}`))) {
    for (const source of sources) {
      const rows = ctx.db.rows(workspace.id, table.id, source.label);
      for (const row of await rows.list()) plan.mutations.push(rows.delete(row.id));
    }
    plan.mutations.push(store.delete(table.id));
    plan.actions.push({ kind: "table", name: table.name, action: "delete", id: table.id });
  }
}

async function planPush(
  ctx: SandboxContext,
  workspace: Workspace,
  documents: readonly ScriptDocument[],
  deleteOthers: boolean,
): Promise<{ actions: PushAction[]; mutations: Mutation[] }> {
  const { db } = ctx;
  const actions: PushAction[] = [];
  const mutations: Mutation[] = [];
  const sorted = [...documents].sort((a, b) =>
    ORDER.indexOf(a.object.kind) - ORDER.indexOf(b.object.kind)
  );
  const groups = await db.apigroups(workspace.id).list();
  const kept = new Set<string>();
  const now = ctx.clock.now();
  await planTables(ctx, workspace, sorted, { actions, mutations, kept, deleteOthers });
  let nextGroupId = await db.lastId(["apigroup", workspace.id]);

  for (const { object, source } of sorted.filter((d) => d.object.kind === "api_group")) {
    const canonical = object.attributes?.canonical ?? "";
    const existing = groups.find((g) => g.name === object.name);
    await assertFreeCanonical(
      ctx,
      canonical,
      existing && { workspaceId: workspace.id, id: existing.id },
    );
    const group: ApiGroup = existing
      ? { ...existing, canonical, description: object.description ?? "", source, updated_at: now }
      : {
        id: ++nextGroupId,
        workspace_id: workspace.id,
        created_at: now,
        updated_at: now,
        name: object.name,
        description: object.description ?? "",
        docs: "",
        guid: ctx.ids(),
        canonical,
        swagger: true,
        tag: [],
        source,
      };
    if (!existing) groups.push(group);
    mutations.push(db.apigroups(workspace.id).set(group.id, group));
    actions.push({
      kind: "api_group",
      name: group.name,
      action: existing ? "update" : "create",
      id: group.id,
    });
    kept.add(`api_group:${group.id}`);
  }
  mutations.push(db.setLastId(["apigroup", workspace.id], nextGroupId));

  for (const kind of ["function", "task", "api"] as const) {
    const store = db.logic(workspace.id, kind);
    const existing = await store.list();
    let nextId = await db.lastId([kind, workspace.id]);
    for (const { object, source } of sorted.filter((d) => KIND_OF[d.object.kind] === kind)) {
      let group: ApiGroup | undefined;
      if (kind === "api") {
        const wanted = (object.apiGroup ?? "").toLowerCase();
        group = groups.find((g) =>
          g.name.toLowerCase() === wanted || g.canonical.toLowerCase() === wanted
        );
        if (!group) {
          throw inputError(
            "api_group",
            `Endpoint "${object.name}" names API group "${
              object.apiGroup ?? ""
            }", which is not in the workspace or the multidoc`,
          );
        }
      }
      const match = existing.find((l) =>
        l.name === object.name &&
        (kind !== "api" || (l.apigroup_id === group!.id && l.verb === object.verb))
      );
      const fields = fromScript(object, source);
      const logic: Logic = match ? { ...match, ...fields, updated_at: now } : newLogic(
        ctx,
        { id: ++nextId, kind, workspaceId: workspace.id, apigroupId: group?.id },
        fields,
      );
      if (!match) existing.push(logic);
      if (kept.has(`${kind}:${logic.id}`)) {
        throw inputError(
          "multidoc",
          `${SCRIPT_KIND[kind]} "${object.name}" appears twice in the multidoc`,
        );
      }
      kept.add(`${kind}:${logic.id}`);
      mutations.push(store.set(logic.id, logic));
      actions.push({
        kind: SCRIPT_KIND[kind],
        name: logic.name,
        action: match ? "update" : "create",
        id: logic.id,
      });
    }
    mutations.push(db.setLastId([kind, workspace.id], nextId));
    if (deleteOthers) {
      for (const logic of existing.filter((l) => !kept.has(`${kind}:${l.id}`))) {
        mutations.push(store.delete(logic.id));
        actions.push({ kind: SCRIPT_KIND[kind], name: logic.name, action: "delete", id: logic.id });
      }
    }
  }
  if (deleteOthers) {
    for (const group of groups.filter((g) => !kept.has(`api_group:${g.id}`))) {
      mutations.push(db.apigroups(workspace.id).delete(group.id));
      actions.push({ kind: "api_group", name: group.name, action: "delete", id: group.id });
    }
  }
  return { actions, mutations };
}
