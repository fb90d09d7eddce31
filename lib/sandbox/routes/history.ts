/**
 * Request history routes: `GET …/request_history` (filters `api_id`,
 * `query_id`, `branch`, `include_output`) and `POST …/request_history/search`
 * (the same filters plus `search` and `sort` in either content search form).
 * Newest first, in the common paging envelope.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { inputError } from "../errors.ts";
import { flag, readJson } from "../http.ts";
import { workspaceOf } from "../lookups.ts";
import type { HistoryEntry } from "../model.ts";
import { pageEnvelope, parsePaging } from "../paging.ts";
import { compileSearch, compileSort } from "../search.ts";
import { requireScope } from "../tokens.ts";

/** Registers the request history routes. */
export function historyRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const base = "/workspace/:workspace_id/request_history";
  const allow = (c: Context<SandboxEnv>) =>
    requireScope(c.get("principal").token, "request_history", "R");

  app.get(base, async (c) => {
    allow(c);
    const workspace = await workspaceOf(ctx, c);
    const paging = parsePaging({ page: c.req.query("page"), per_page: c.req.query("per_page") });
    const filters = {
      api_id: optionalId(c.req.query("api_id"), "api_id"),
      query_id: optionalId(c.req.query("query_id"), "query_id"),
    };
    const entries = select(await ctx.db.history(workspace.id).list(), filters);
    return c.json(present(pageEnvelope(entries, paging), flag(c, "include_output")));
  });

  app.post(`${base}/search`, async (c) => {
    allow(c);
    const workspace = await workspaceOf(ctx, c);
    const body = await readJson(c);
    const paging = parsePaging(body);
    const filters = {
      api_id: optionalId(body.api_id, "api_id"),
      query_id: optionalId(body.query_id, "query_id"),
      branch_id: optionalId(body.branch_id, "branch_id"),
    };
    const match = compileSearch(body.search);
    const entries = select(await ctx.db.history(workspace.id).list(), filters).filter(match);
    if (body.sort !== undefined) entries.sort(compileSort(body.sort));
    return c.json(present(pageEnvelope(entries, paging), body.include_output === true));
  });
}

function select(
  entries: HistoryEntry[],
  filters: { api_id?: number; query_id?: number; branch_id?: number },
): HistoryEntry[] {
  return entries
    .filter((e) => filters.api_id === undefined || e.api_id === filters.api_id)
    .filter((e) => filters.query_id === undefined || e.query_id === filters.query_id)
    .filter((e) => filters.branch_id === undefined || e.branch_id === filters.branch_id)
    .sort((a, b) => b.created_at - a.created_at || b.id - a.id);
}

function present<T extends { items: HistoryEntry[] }>(page: T, includeOutput: boolean) {
  return {
    ...page,
    items: page.items.map(({ output, ...entry }) => includeOutput ? { ...entry, output } : entry),
  };
}

function optionalId(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw inputError(name, `"${name}" must be a whole number, got ${JSON.stringify(raw)}`);
  }
  return value;
}
