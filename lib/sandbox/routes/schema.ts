/**
 * Schema and index routes of a table: get or replace the whole schema, add a
 * field by type, get, rename or delete one field; list, replace, add and
 * delete indexes. Changes that drop or rename a column rewrite the stored rows
 * in the same commit, so no stale value can reappear.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { inputError, notFound } from "../errors.ts";
import { FIELD_TYPES, normaliseField, normaliseSchema } from "../fields.ts";
import { idParam, parseWith, readJson } from "../http.ts";
import { tableOf, workspaceOf } from "../lookups.ts";
import type { Field, Row, Table, TableIndex } from "../model.ts";
import type { Mutation } from "../store.ts";
import { requireScope } from "../tokens.ts";

const INDEX_TYPES = ["primary", "btree", "unique", "search", "spatial", "vector"] as const;

const indexInput = z.object({
  type: z.enum(INDEX_TYPES).optional(),
  name: z.string().optional(),
  lang: z.string().optional(),
  fields: z.array(z.object({
    name: z.string(),
    op: z.string().optional(),
    priority: z.number().optional(),
  })).min(1).optional(),
  field: z.array(z.object({ name: z.string(), op: z.string().optional() })).min(1).optional(),
});

/** Validates index definitions against a schema, numbering them from 1. */
export function normaliseIndexes(raw: readonly unknown[], schema: readonly Field[]): TableIndex[] {
  const indexes = raw.map((item, i) => normaliseIndex(item, schema, i + 1, `index[${i}]`));
  if (!indexes.some((index) => index.type === "primary")) {
    indexes.unshift({ id: 0, type: "primary", fields: [{ name: "id" }] });
  }
  return indexes.map((index, i) => ({ ...index, id: i + 1 }));
}

function normaliseIndex(
  raw: unknown,
  schema: readonly Field[],
  id: number,
  param: string,
  forcedType?: TableIndex["type"],
): TableIndex {
  const input = parseWith(indexInput, raw);
  const rawType = forcedType ?? input.type;
  if (!rawType) {
    throw inputError(`${param}.type`, `Index needs a "type": ${INDEX_TYPES.join(", ")}`);
  }
  const fields = input.fields ?? input.field;
  if (!fields) throw inputError(`${param}.fields`, `Index needs "fields": [{"name": …}]`);
  for (const f of fields) {
    if (!schema.some((column) => column.name === f.name)) {
      throw inputError(`${param}.fields`, `Index field "${f.name}" is not a column of this table`);
    }
  }
  return {
    id,
    type: rawType,
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.lang === undefined ? {} : { lang: input.lang }),
    fields,
  };
}

/** Registers the schema and index routes. */
export function schemaRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const base = "/workspace/:workspace_id/table/:table_id";
  const allow = (c: Context<SandboxEnv>, right: "C" | "R" | "U" | "D") =>
    requireScope(c.get("principal").token, "database", right);

  async function load(c: Context<SandboxEnv>) {
    const workspace = await workspaceOf(ctx, c);
    return { workspace, table: await tableOf(ctx, c, workspace) };
  }

  async function save(table: Table, changes: Partial<Table>, rows: Mutation[] = []) {
    const updated: Table = { ...table, ...changes, source: undefined, updated_at: ctx.clock.now() };
    await ctx.db.commit([...rows, ctx.db.tables(table.workspace_id).set(table.id, updated)]);
    return updated;
  }

  /** Rewrites every row of every data source with `change`. */
  async function rewriteRows(table: Table, change: (row: Row) => Row): Promise<Mutation[]> {
    const mutations: Mutation[] = [];
    for (const source of await ctx.db.datasources(table.workspace_id).list()) {
      const rows = ctx.db.rows(table.workspace_id, table.id, source.label);
      for (const row of await rows.list()) mutations.push(rows.set(row.id, change(row)));
    }
    return mutations;
  }

  const dropColumns = (names: readonly string[]) => (row: Row): Row =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !names.includes(k))) as Row;

  app.get(`${base}/schema`, async (c) => {
    allow(c, "R");
    return c.json((await load(c)).table.schema);
  });

  app.put(`${base}/schema`, async (c) => {
    allow(c, "U");
    const { table } = await load(c);
    const body = await readJson(c);
    const schema = normaliseSchema(body.schema);
    const dropped = table.schema.map((f) => f.name).filter((n) =>
      !schema.some((f) => f.name === n)
    );
    const index = table.index.filter((i) =>
      i.fields.every((f) => schema.some((s) => s.name === f.name))
    );
    const rows = dropped.length ? await rewriteRows(table, dropColumns(dropped)) : [];
    return c.json((await save(table, { schema, index }, rows)).schema);
  });

  app.post(`${base}/schema/type/:type`, async (c) => {
    allow(c, "U");
    const { table } = await load(c);
    const type = c.req.param("type");
    if (!(FIELD_TYPES as readonly string[]).includes(type)) {
      throw notFound(`Field type "${type}" does not exist; use one of ${FIELD_TYPES.join(", ")}`);
    }
    const created = normaliseField({ ...(await readJson(c)), type }, "body");
    if (table.schema.some((f) => f.name === created.name)) {
      throw inputError("name", `Field "${created.name}" already exists in table "${table.name}"`);
    }
    await save(table, { schema: [...table.schema, created] });
    return c.json(created);
  });

  app.post(`${base}/schema/rename`, async (c) => {
    allow(c, "U");
    const { table } = await load(c);
    const body = parseWith(
      z.object({
        old_name: z.string().min(1),
        new_name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/),
      }),
      await readJson(c),
    );
    const target = table.schema.find((f) => f.name === body.old_name);
    if (!target) throw notFound(`Field "${body.old_name}" was not found in table "${table.name}"`);
    if (target.name === "id") throw inputError("old_name", `The "id" field cannot be renamed`);
    if (table.schema.some((f) => f.name === body.new_name)) {
      throw inputError(
        "new_name",
        `Field "${body.new_name}" already exists in table "${table.name}"`,
      );
    }
    const rename = (name: string) => name === body.old_name ? body.new_name : name;
    const schema = table.schema.map((f) => f === target ? { ...f, name: body.new_name } : f);
    const index = table.index.map((i) => ({
      ...i,
      fields: i.fields.map((f) => ({ ...f, name: rename(f.name) })),
    }));
    const rows = await rewriteRows(
      table,
      (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [rename(k), v])) as Row,
    );
    return c.json((await save(table, { schema, index }, rows)).schema);
  });

  app.get(`${base}/schema/:schema_name`, async (c) => {
    allow(c, "R");
    const { table } = await load(c);
    const name = c.req.param("schema_name");
    const found = table.schema.find((f) => f.name === name);
    if (!found) throw notFound(`Field "${name}" was not found in table "${table.name}"`);
    return c.json(found);
  });

  app.delete(`${base}/schema/:schema_name`, async (c) => {
    allow(c, "U");
    const { table } = await load(c);
    const name = c.req.param("schema_name");
    if (!table.schema.some((f) => f.name === name)) {
      throw notFound(`Field "${name}" was not found in table "${table.name}"`);
    }
    if (name === "id") throw inputError("schema_name", `The "id" field cannot be deleted`);
    const schema = table.schema.filter((f) => f.name !== name);
    const index = table.index.filter((i) => !i.fields.some((f) => f.name === name));
    const rows = await rewriteRows(table, dropColumns([name]));
    return c.json((await save(table, { schema, index }, rows)).schema);
  });

  app.get(`${base}/index`, async (c) => {
    allow(c, "R");
    return c.json((await load(c)).table.index);
  });

  app.put(`${base}/index`, async (c) => {
    allow(c, "U");
    const { table } = await load(c);
    const body = await readJson(c);
    if (!Array.isArray(body.index)) {
      throw inputError("index", `"index" must be an array of indexes`);
    }
    return c.json((await save(table, { index: normaliseIndexes(body.index, table.schema) })).index);
  });

  app.post(`${base}/index/:type`, async (c) => {
    allow(c, "U");
    const { table } = await load(c);
    const type = c.req.param("type");
    const allowed = ["btree", "unique", "search", "spatial", "vector"] as const;
    if (!(allowed as readonly string[]).includes(type)) {
      throw notFound(`Index type "${type}" does not exist; use one of ${allowed.join(", ")}`);
    }
    const id = Math.max(0, ...table.index.map((i) => i.id)) + 1;
    const created = normaliseIndex(
      await readJson(c),
      table.schema,
      id,
      "body",
      type as TableIndex["type"],
    );
    await save(table, { index: [...table.index, created] });
    return c.json({ id });
  });

  app.delete(`${base}/index/:index_id`, async (c) => {
    allow(c, "U");
    const { table } = await load(c);
    const id = idParam(c, "index_id", "Index");
    const found = table.index.find((i) => i.id === id);
    if (!found) throw notFound(`Index "${id}" was not found in table "${table.name}"`);
    if (found.type === "primary") {
      throw inputError("index_id", "The primary index cannot be deleted");
    }
    await save(table, { index: table.index.filter((i) => i.id !== id) });
    return c.json({});
  });
}
