/**
 * Table content routes (records): browse and search in the content envelope,
 * get, create, update, delete, bulk create/patch/delete, search patch/delete
 * and truncate. Every route honours `x-data-source`. Bulk writes validate
 * every item first and then commit all of them together, or none.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { inputError, notFound } from "../errors.ts";
import { coerceRow, presentRow } from "../fields.ts";
import { flag, idParam, parseWith, readJson } from "../http.ts";
import { dataSourceOf, tableOf, workspaceOf } from "../lookups.ts";
import type { Row, Table } from "../model.ts";
import { contentEnvelope, contentPage, parsePaging } from "../paging.ts";
import { compileSearch, compileSort } from "../search.ts";
import type { Mutation } from "../store.ts";
import { requireScope } from "../tokens.ts";

const MAX_BULK = 10_000;

/** Registers the content routes. */
export function contentRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const base = "/workspace/:workspace_id/table/:table_id";
  const allow = (c: Context<SandboxEnv>, right: "C" | "R" | "U" | "D") =>
    requireScope(c.get("principal").token, "content", right);

  async function load(c: Context<SandboxEnv>) {
    const workspace = await workspaceOf(ctx, c);
    const table = await tableOf(ctx, c, workspace);
    const source = await dataSourceOf(ctx, c, workspace);
    const rows = ctx.db.rows(workspace.id, table.id, source);
    const sequence = ["row", workspace.id, table.id, source] as const;
    return { table, rows, sequence, all: () => rows.list() };
  }

  async function rowOf(
    c: Context<SandboxEnv>,
    rows: { get(id: number): Promise<Row | null> },
    table: Table,
  ) {
    const id = idParam(c, "content_id", "Record");
    const row = await rows.get(id);
    if (!row) throw notFound(`Record "${id}" was not found in table "${table.name}"`);
    return row;
  }

  app.get(`${base}/content`, async (c) => {
    allow(c, "R");
    const { table, rows } = await load(c);
    const paging = parsePaging({ page: c.req.query("page"), per_page: c.req.query("per_page") });
    const { items, total } = await rows.slice((paging.page - 1) * paging.perPage, paging.perPage);
    return c.json(contentPage(items.map((r) => presentRow(table.schema, r)), total, paging));
  });

  app.post(`${base}/content/search`, async (c) => {
    allow(c, "R");
    const { table, all } = await load(c);
    const body = await readJson(c);
    const paging = parsePaging(body);
    const match = compileSearch(body.search);
    const order = compileSort(body.sort);
    const found = (await all()).filter(match).sort(order).map((r) => presentRow(table.schema, r));
    return c.json(contentEnvelope(found, paging));
  });

  app.post(`${base}/content`, async (c) => {
    allow(c, "C");
    const { table, rows, sequence, all } = await load(c);
    const values = await coerceRow(table.schema, await readJson(c), {
      now: ctx.clock.now(),
      partial: false,
    });
    const [id, counter] = await ctx.db.nextId(sequence);
    const row = { ...values, id } as Row;
    await assertUnique(table, [row], all);
    await ctx.db.commit([counter, rows.set(id, row)]);
    return c.json(presentRow(table.schema, row));
  });

  app.get(`${base}/content/:content_id`, async (c) => {
    allow(c, "R");
    const { table, rows } = await load(c);
    return c.json(presentRow(table.schema, await rowOf(c, rows, table)));
  });

  app.put(`${base}/content/:content_id`, async (c) => {
    allow(c, "U");
    const { table, rows, all } = await load(c);
    const row = await rowOf(c, rows, table);
    const changes = await coerceRow(table.schema, await readJson(c), {
      now: ctx.clock.now(),
      partial: true,
    });
    const updated = { ...row, ...changes, id: row.id } as Row;
    await assertUnique(table, [updated], all);
    await ctx.db.commit([rows.set(row.id, updated)]);
    return c.json(presentRow(table.schema, updated));
  });

  app.delete(`${base}/content/:content_id`, async (c) => {
    allow(c, "D");
    const { table, rows } = await load(c);
    const row = await rowOf(c, rows, table);
    await ctx.db.commit([rows.delete(row.id)]);
    return c.json({});
  });

  app.post(`${base}/content/bulk`, async (c) => {
    allow(c, "C");
    const { table, rows, sequence, all } = await load(c);
    const body = parseWith(
      z.object({
        items: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_BULK),
        allow_id_field: z.boolean().optional(),
      }),
      await readJson(c),
    );
    const existing = await all();
    const taken = new Set(existing.map((r) => r.id));
    const now = ctx.clock.now();
    const prepared: Record<string, unknown>[] = [];
    for (const [i, item] of body.items.entries()) {
      prepared.push(
        await coerceRow(table.schema, item, { now, partial: false, param: `items[${i}]` }),
      );
    }
    let created: Row[];
    let counter: Mutation;
    if (body.allow_id_field) {
      const ids = body.items.map((item, i) => {
        const id = item.id;
        if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) {
          throw inputError(
            `items[${i}].id`,
            `"id" must be a positive whole number when allow_id_field is true`,
          );
        }
        if (taken.has(id)) throw inputError(`items[${i}].id`, `Record "${id}" already exists`);
        taken.add(id);
        return id;
      });
      created = prepared.map((values, i) => ({ ...values, id: ids[i] }) as Row);
      counter = ctx.db.setLastId(sequence, Math.max(await ctx.db.lastId(sequence), ...ids));
    } else {
      const [ids, mutation] = await ctx.db.nextIds(sequence, prepared.length);
      created = prepared.map((values, i) => ({ ...values, id: ids[i] }) as Row);
      counter = mutation;
    }
    await assertUnique(table, created, () => Promise.resolve(existing));
    await ctx.db.commit([counter, ...created.map((row) => rows.set(row.id, row))]);
    return c.json(created.map((row) => row.id));
  });

  app.post(`${base}/content/bulk/patch`, async (c) => {
    allow(c, "U");
    const { table, rows, all } = await load(c);
    const body = parseWith(
      z.object({
        items: z.array(
          z.object({
            row_id: z.number().int().positive(),
            updates: z.record(z.string(), z.unknown()),
          }),
        )
          .min(1).max(MAX_BULK),
      }),
      await readJson(c),
    );
    const existing = new Map((await all()).map((r) => [r.id, r]));
    const now = ctx.clock.now();
    const updated: Row[] = [];
    for (const [i, item] of body.items.entries()) {
      const row = existing.get(item.row_id);
      if (!row) continue;
      const changes = await coerceRow(table.schema, item.updates, {
        now,
        partial: true,
        param: `items[${i}].updates`,
      });
      const next = { ...row, ...changes, id: row.id } as Row;
      existing.set(row.id, next);
      updated.push(next);
    }
    await assertUnique(table, updated, () => Promise.resolve([...existing.values()]));
    await ctx.db.commit(updated.map((row) => rows.set(row.id, row)));
    return c.json({ success: updated.map((r) => r.id), success_total: updated.length });
  });

  app.post(`${base}/content/bulk/delete`, async (c) => {
    allow(c, "D");
    const { rows, all } = await load(c);
    const body = parseWith(
      z.object({ row_ids: z.array(z.number().int().positive()).min(1).max(MAX_BULK) }),
      await readJson(c),
    );
    const existing = new Set((await all()).map((r) => r.id));
    const ids = [...new Set(body.row_ids)];
    const success = ids.filter((id) => existing.has(id));
    const missing = ids.filter((id) => !existing.has(id));
    await ctx.db.commit(success.map((id) => rows.delete(id)));
    return c.json({ success, success_total: success.length, error: missing });
  });

  app.post(`${base}/content/search/patch`, async (c) => {
    allow(c, "U");
    const { table, rows, all } = await load(c);
    const body = await readJson(c);
    if (body.search === undefined) throw inputError("search", `Missing param: search`);
    const match = compileSearch(body.search);
    if (typeof body.updates !== "object" || body.updates === null || Array.isArray(body.updates)) {
      throw inputError("updates", `"updates" must be an object of field values`);
    }
    const changes = await coerceRow(table.schema, body.updates as Record<string, unknown>, {
      now: ctx.clock.now(),
      partial: true,
      param: "updates",
    });
    const existing = await all();
    const updated = existing.filter(match).map((row) =>
      ({ ...row, ...changes, id: row.id }) as Row
    );
    const others = existing.filter((row) => !updated.some((u) => u.id === row.id));
    await assertUnique(table, updated, () => Promise.resolve([...others, ...updated]));
    await ctx.db.commit(updated.map((row) => rows.set(row.id, row)));
    return c.json({ success: updated.map((r) => r.id), success_total: updated.length });
  });

  app.post(`${base}/content/search/delete`, async (c) => {
    allow(c, "D");
    const { rows, all } = await load(c);
    const body = await readJson(c);
    if (body.search === undefined) throw inputError("search", `Missing param: search`);
    const match = compileSearch(body.search);
    const doomed = (await all()).filter(match).map((r) => r.id);
    await ctx.db.commit(doomed.map((id) => rows.delete(id)));
    return c.json({ success: doomed, success_total: doomed.length });
  });

  app.delete(`${base}/truncate`, async (c) => {
    allow(c, "D");
    const { rows, sequence, all } = await load(c);
    const body = await readJson(c);
    const reset = body.reset === true || flag(c, "reset");
    const mutations: Mutation[] = (await all()).map((r) => rows.delete(r.id));
    if (reset) mutations.push(ctx.db.resetSequence(sequence));
    await ctx.db.commit(mutations);
    return c.json({});
  });
}

/** Throws when `changed` rows would break a unique index against `universe`. */
async function assertUnique(
  table: Table,
  changed: readonly Row[],
  universe: () => Promise<readonly Row[]>,
): Promise<void> {
  const unique = table.index.filter((i) => i.type === "unique");
  if (unique.length === 0) return;
  const rows = await universe();
  for (const index of unique) {
    const keyOf = (row: Row) => JSON.stringify(index.fields.map((f) => row[f.name] ?? null));
    const owners = new Map<string, number>();
    const latest = new Map(rows.map((r) => [r.id, r]));
    for (const row of changed) latest.set(row.id, row);
    for (const row of latest.values()) {
      const key = keyOf(row);
      const other = owners.get(key);
      if (other !== undefined && other !== row.id) {
        throw inputError(
          index.fields[0].name,
          `Duplicate record detected: ${index.fields.map((f) => f.name).join(", ")} must be unique`,
        );
      }
      owners.set(key, row.id);
    }
  }
}
