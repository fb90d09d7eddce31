/**
 * The common list behaviour of Metadata API collections: `search` on the
 * name, `sort` by `created_at|updated_at|name`, `order`, and paging into the
 * `{curPage, nextPage, prevPage, items}` envelope.
 *
 * @module
 */

import type { Context } from "hono";
import type { SandboxEnv } from "./context.ts";
import { choice } from "./http.ts";
import { type PageEnvelope, pageEnvelope, parsePaging } from "./paging.ts";

/** What a listable object needs. */
export interface Listable {
  readonly id: number;
  readonly name: string;
  readonly created_at: number;
  readonly updated_at: number;
}

/**
 * Filters, sorts and pages `items` from the request's query string, then maps
 * each item of the page with `present`.
 */
export function listPage<T extends Listable, R>(
  c: Context<SandboxEnv>,
  items: readonly T[],
  present: (item: T) => R,
): PageEnvelope<R> {
  const paging = parsePaging({ page: c.req.query("page"), per_page: c.req.query("per_page") });
  const sort = choice(c, "sort", ["created_at", "updated_at", "name", "id"] as const) ?? "id";
  const order = choice(c, "order", ["asc", "desc"] as const) ?? "asc";
  const search = (c.req.query("search") ?? "").trim().toLowerCase();
  const sign = order === "asc" ? 1 : -1;
  const selected = items
    .filter((item) => search === "" || item.name.toLowerCase().includes(search))
    .sort((a, b) => {
      const left = a[sort];
      const right = b[sort];
      const result = typeof left === "number" && typeof right === "number"
        ? left - right
        : String(left).localeCompare(String(right));
      return (result || a.id - b.id) * sign;
    });
  const page = pageEnvelope(selected, paging);
  return { ...page, items: page.items.map(present) };
}
