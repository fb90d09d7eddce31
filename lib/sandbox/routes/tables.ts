/**
 * Table routes: list, get, create (JSON or XanoScript), replace from
 * XanoScript, update meta, security, autocomplete, delete (with all content).
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { badRequest, inputError } from "../errors.ts";
import { DEFAULT_SCHEMA, normaliseSchema } from "../fields.ts";
import { flag, isXanoScript, parseWith, readJson, readText } from "../http.ts";
import { listPage } from "../listing.ts";
import { tableOf, workspaceOf } from "../lookups.ts";
import { metaTime, type Table, type Workspace } from "../model.ts";
import { renderTable } from "../render.ts";
import type { Mutation } from "../store.ts";
import { requireScope } from "../tokens.ts";
import { dropRemovedColumns, type TableDraft, tableFromScript } from "../table_script.ts";
import { normaliseIndexes } from "./schema.ts";

const tableBody = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().optional(),
  docs: z.string().optional(),
  auth: z.boolean().optional(),
  guid: z.string().optional(),
  schema: z.array(z.unknown()).optional(),
  index: z.array(z.unknown()).optional(),
  tag: z.array(z.string()).optional(),
  autocomplete: z.array(z.object({ name: z.string() })).optional(),
});

const metaBody = tableBody.pick({
  name: true,
  description: true,
  docs: true,
  tag: true,
  auth: true,
})
  .partial();

/** Names of a workspace's tables by id, for rendering table references. */
export async function tableNames(
  ctx: SandboxContext,
  workspaceId: number,
): Promise<Map<number, string>> {
  return new Map((await ctx.db.tables(workspaceId).list()).map((t) => [t.id, t.name]));
}

/** The JSON shape of a table; `detail` adds schema and indexes. */
export function presentTable(
  table: Table,
  options: { names: ReadonlyMap<number, string>; xanoscript: boolean; detail: boolean },
): Record<string, unknown> {
  return {
    id: table.id,
    created_at: metaTime(table.created_at),
    updated_at: metaTime(table.updated_at),
    name: table.name,
    description: table.description,
    docs: table.docs,
    guid: table.guid,
    auth: table.auth,
    tag: table.tag,
    ...(options.detail ? { schema: table.schema, index: table.index } : {}),
    ...(options.xanoscript
      ? { xanoscript: { status: "ok", value: table.source ?? renderTable(table, options.names) } }
      : {}),
  };
}

/** Registers the table routes. */
export function tableRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const base = "/workspace/:workspace_id/table";
  const allow = (c: Context<SandboxEnv>, right: "C" | "R" | "U" | "D") =>
    requireScope(c.get("principal").token, "database", right);

  app.get(base, async (c) => {
    allow(c, "R");
    const workspace = await workspaceOf(ctx, c);
    const xanoscript = flag(c, "include_xanoscript");
    const tables = await ctx.db.tables(workspace.id).list();
    const names = new Map(tables.map((t) => [t.id, t.name]));
    return c.json(
      listPage(c, tables, (t) => presentTable(t, { names, xanoscript, detail: false })),
    );
  });

  app.post(base, async (c) => {
    allow(c, "C");
    const workspace = await workspaceOf(ctx, c);
    const draft = isXanoScript(c) ? await fromScript(c, workspace) : await fromJson(c, workspace);
    const [id, sequence] = await ctx.db.nextId(["table", workspace.id]);
    const now = ctx.clock.now();
    const table: Table = {
      ...draft,
      id,
      workspace_id: workspace.id,
      created_at: now,
      updated_at: now,
    };
    await ctx.db.commit([sequence, ctx.db.tables(workspace.id).set(id, table)]);
    return c.json(await present(c, workspace, table, true));
  });

  app.get(`${base}/:table_id`, async (c) => {
    allow(c, "R");
    const workspace = await workspaceOf(ctx, c);
    return c.json(await present(c, workspace, await tableOf(ctx, c, workspace), true));
  });

  app.put(`${base}/:table_id`, async (c) => {
    allow(c, "U");
    const workspace = await workspaceOf(ctx, c);
    const table = await tableOf(ctx, c, workspace);
    if (!isXanoScript(c)) {
      throw badRequest(
        "Send the table as XanoScript (Content-Type: text/x-xanoscript), or use PUT …/meta or …/schema for JSON",
      );
    }
    const draft = await fromScript(c, workspace, table);
    const updated: Table = { ...table, ...draft, guid: table.guid, updated_at: ctx.clock.now() };
    const rows = await dropRemovedColumns(ctx, table, updated.schema);
    await ctx.db.commit([...rows, ctx.db.tables(workspace.id).set(table.id, updated)]);
    return c.json(await present(c, workspace, updated, true));
  });

  app.put(`${base}/:table_id/meta`, async (c) => {
    allow(c, "U");
    const workspace = await workspaceOf(ctx, c);
    const table = await tableOf(ctx, c, workspace);
    const body = parseWith(metaBody, await readJson(c));
    if (body.name !== undefined) await assertFreeName(workspace, body.name, table.id);
    const updated: Table = { ...table, ...body, source: undefined, updated_at: ctx.clock.now() };
    await ctx.db.commit([ctx.db.tables(workspace.id).set(table.id, updated)]);
    return c.json(await present(c, workspace, updated, false));
  });

  app.put(`${base}/:table_id/security`, async (c) => {
    allow(c, "U");
    const workspace = await workspaceOf(ctx, c);
    const table = await tableOf(ctx, c, workspace);
    const body = parseWith(z.object({ guid: z.string().min(1) }), await readJson(c));
    const updated: Table = { ...table, guid: body.guid, updated_at: ctx.clock.now() };
    await ctx.db.commit([ctx.db.tables(workspace.id).set(table.id, updated)]);
    return c.json(await present(c, workspace, updated, false));
  });

  app.put(`${base}/:table_id/autocomplete`, async (c) => {
    allow(c, "U");
    const workspace = await workspaceOf(ctx, c);
    const table = await tableOf(ctx, c, workspace);
    const body = parseWith(tableBody.pick({ autocomplete: true }).required(), await readJson(c));
    for (const { name } of body.autocomplete) {
      if (!table.schema.some((f) => f.name === name)) {
        throw inputError("autocomplete", `Field "${name}" is not in table "${table.name}"`);
      }
    }
    const updated: Table = {
      ...table,
      autocomplete: body.autocomplete,
      updated_at: ctx.clock.now(),
    };
    await ctx.db.commit([ctx.db.tables(workspace.id).set(table.id, updated)]);
    return c.json({ autocomplete: updated.autocomplete });
  });

  app.delete(`${base}/:table_id`, async (c) => {
    allow(c, "D");
    const workspace = await workspaceOf(ctx, c);
    const table = await tableOf(ctx, c, workspace);
    const mutations: Mutation[] = [ctx.db.tables(workspace.id).delete(table.id)];
    for (const source of await ctx.db.datasources(workspace.id).list()) {
      const rows = ctx.db.rows(workspace.id, table.id, source.label);
      for (const row of await rows.list()) mutations.push(rows.delete(row.id));
      mutations.push(ctx.db.resetSequence(["row", workspace.id, table.id, source.label]));
    }
    await ctx.db.commit(mutations);
    return c.json({});
  });

  async function present(
    c: Context<SandboxEnv>,
    workspace: Workspace,
    table: Table,
    detail: boolean,
  ) {
    const names = await tableNames(ctx, workspace.id);
    names.set(table.id, table.name);
    return presentTable(table, { names, xanoscript: flag(c, "include_xanoscript"), detail });
  }

  async function assertFreeName(workspace: Workspace, name: string, except?: number) {
    const tables = await ctx.db.tables(workspace.id).list();
    if (tables.some((t) => t.id !== except && t.name.toLowerCase() === name.toLowerCase())) {
      throw inputError(
        "name",
        `A table named "${name}" already exists in workspace ${workspace.id}`,
      );
    }
  }

  async function fromJson(c: Context<SandboxEnv>, workspace: Workspace): Promise<TableDraft> {
    const body = parseWith(tableBody, await readJson(c));
    await assertFreeName(workspace, body.name);
    const schema = body.schema ? normaliseSchema(body.schema) : [...DEFAULT_SCHEMA];
    return {
      name: body.name,
      description: body.description ?? "",
      docs: body.docs ?? "",
      auth: body.auth ?? false,
      guid: body.guid ?? ctx.ids(),
      tag: body.tag ?? [],
      schema,
      index: normaliseIndexes(body.index ?? [], schema),
      autocomplete: body.autocomplete ?? [],
    };
  }

  async function fromScript(
    c: Context<SandboxEnv>,
    workspace: Workspace,
    existing?: Table,
  ): Promise<TableDraft> {
    const source = await readText(c);
    const object = ctx.xs.accept(source, ["table"]);
    await assertFreeName(workspace, object.name, existing?.id);
    const tableIds = new Map([...await tableNames(ctx, workspace.id)].map(([id, n]) => [n, id]));
    const nextId = (await ctx.db.lastId(["table", workspace.id])) + 1;
    tableIds.set(object.name, existing?.id ?? nextId);
    return tableFromScript(ctx, object, source, { existing, tableIds });
  }
}
