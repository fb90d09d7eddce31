/**
 * An in-memory implementation of the tools' {@link XanoApi} slice, for unit
 * tests and the MCP-layer benchmark until the sandbox-backed client is wired.
 * Errors mimic the client's classified errors (message + nextStep).
 */

import { NotFoundError } from "../../lib/errors.ts";
import type { XanoApi, XanoField, XanoObject, XanoPage } from "../../mcp/tools/_shared.ts";

interface MemTable {
  id: number;
  name: string;
  description?: string;
  auth?: boolean;
  fields: XanoField[];
}

function page<T>(items: T[], p = 1, perPage = 50): XanoPage<T> {
  const slice = items.slice((p - 1) * perPage, p * perPage);
  return {
    items: slice,
    page: p,
    nextPage: p * perPage < items.length ? p + 1 : null,
    total: items.length,
  };
}

function missing(what: string): never {
  throw Object.assign(new NotFoundError(`${what} does not exist`), {
    category: "not_found",
    nextStep: "Call xano_list_tables to see valid table ids",
  });
}

/** A workspace (id 1) with users, products and orders tables, plus `extraTables` filler tables. */
export function memoryXano(extraTables = 0): XanoApi & { tables: Map<number, MemTable> } {
  const base: XanoField[] = [{ name: "id", type: "int" }, {
    name: "created_at",
    type: "timestamp",
  }];
  const tables = new Map<number, MemTable>([
    [1, {
      id: 1,
      name: "users",
      auth: true,
      fields: [...base, { name: "email", type: "email" }, { name: "password", type: "password" }],
    }],
    [2, {
      id: 2,
      name: "products",
      description: "Things we sell",
      fields: [...base, { name: "name", type: "text" }, {
        name: "price",
        type: "decimal",
        nullable: true,
      }],
    }],
    [3, { id: 3, name: "orders", fields: [...base, { name: "user_id", type: "tableref" }] }],
  ]);
  for (let i = 0; i < extraTables; i++) {
    tables.set(4 + i, {
      id: 4 + i,
      name: `table_${i}`,
      description: `Filler table ${i}`,
      fields: [...base],
    });
  }
  const table = (id: number) => tables.get(id) ?? missing(`Table ${id}`);
  const ws = (id: number) => (id === 1 ? id : missing(`Workspace ${id}`));
  return {
    tables,
    listInstances: () =>
      Promise.resolve(page([{ id: 1, name: "x1", host: "x1.xano.io" } as XanoObject])),
    getInstance: (name) => Promise.resolve({ id: 1, name, host: `${name}.xano.io` }),
    listWorkspaces: () =>
      Promise.resolve(page([{ id: 1, name: "Demo", description: "Demo workspace" } as XanoObject])),
    getWorkspace: (id) => Promise.resolve({ id: ws(id), name: "Demo", branch: "v1" }),
    listTables: (id, options = {}) => {
      ws(id);
      const all = [...tables.values()].filter((t) =>
        !options.search || t.name.includes(options.search)
      );
      return Promise.resolve(
        page(all.map(({ fields: _, ...t }) => t), options.page, options.perPage),
      );
    },
    getTable: (id, tableId) => {
      ws(id);
      const { fields: _, ...t } = table(tableId);
      return Promise.resolve(t);
    },
    createTable: (id, input) => {
      ws(id);
      const next = Math.max(0, ...tables.keys()) + 1;
      tables.set(next, {
        id: next,
        ...input,
        fields: [{ name: "id", type: "int" }, { name: "created_at", type: "timestamp" }],
      });
      return Promise.resolve({ id: next });
    },
    updateTableMeta: (id, tableId, meta) => {
      ws(id);
      Object.assign(table(tableId), meta);
      return Promise.resolve();
    },
    deleteTable: (id, tableId) => {
      ws(id);
      table(tableId);
      tables.delete(tableId);
      return Promise.resolve();
    },
    getSchema: (id, tableId) => Promise.resolve((ws(id), table(tableId).fields)),
    addField: (id, tableId, field) => {
      ws(id);
      table(tableId).fields.push({ name: field.name, type: field.type, nullable: field.nullable });
      return Promise.resolve({ name: field.name });
    },
    renameField: (id, tableId, oldName, newName) => {
      ws(id);
      const field = table(tableId).fields.find((f) => f.name === oldName) ??
        missing(`Field "${oldName}"`);
      table(tableId).fields = table(tableId).fields.map((
        f,
      ) => (f === field ? { ...f, name: newName } : f));
      return Promise.resolve();
    },
    deleteField: (id, tableId, name) => {
      ws(id);
      table(tableId).fields = table(tableId).fields.filter((f) => f.name !== name);
      return Promise.resolve();
    },
  };
}
