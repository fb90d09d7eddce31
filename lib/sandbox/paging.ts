/**
 * Xano's paging: `page`/`per_page` parsing and the two envelope shapes.
 *
 * - Most list routes: `{curPage, nextPage, prevPage, items}`.
 * - Table content browse and search add
 *   `itemsReceived, offset, perPage, itemsTotal, pageTotal`.
 *
 * `nextPage` is `null` on the last page (and past it); `prevPage` is `null`
 * on page 1. A page past the end is an empty page, not an error.
 *
 * @module
 */

import { inputError } from "./errors.ts";

/** The largest `per_page` Xano accepts. */
export const MAX_PER_PAGE = 10_000;

/** A validated page request. */
export interface Paging {
  readonly page: number;
  readonly perPage: number;
}

/** The common envelope of Metadata API lists. */
export interface PageEnvelope<T> {
  readonly curPage: number;
  readonly nextPage: number | null;
  readonly prevPage: number | null;
  readonly items: T[];
}

/** The envelope of table content browse and search. */
export interface ContentEnvelope<T> extends PageEnvelope<T> {
  readonly itemsReceived: number;
  readonly offset: number;
  readonly perPage: number;
  readonly itemsTotal: number;
  readonly pageTotal: number;
}

/**
 * Reads `page` (default 1) and `per_page` (default 50) from query strings or a
 * JSON body; anything that is not a whole number in range is an input error.
 *
 * @example
 * ```ts
 * parsePaging({ page: "2", per_page: "10" }); // { page: 2, perPage: 10 }
 * ```
 */
export function parsePaging(
  source: { readonly page?: unknown; readonly per_page?: unknown },
  defaultPerPage = 50,
): Paging {
  return {
    page: wholeNumber("page", source.page, 1, Number.MAX_SAFE_INTEGER),
    perPage: wholeNumber("per_page", source.per_page, defaultPerPage, MAX_PER_PAGE),
  };
}

/** Slices `all` into one page of the common envelope. */
export function pageEnvelope<T>(all: readonly T[], paging: Paging): PageEnvelope<T> {
  const offset = (paging.page - 1) * paging.perPage;
  return {
    curPage: paging.page,
    nextPage: offset + paging.perPage < all.length ? paging.page + 1 : null,
    prevPage: paging.page > 1 ? paging.page - 1 : null,
    items: all.slice(offset, offset + paging.perPage),
  };
}

/** Slices `all` into one page of the content envelope. */
export function contentEnvelope<T>(all: readonly T[], paging: Paging): ContentEnvelope<T> {
  const page = pageEnvelope(all, paging);
  return {
    items: page.items,
    itemsReceived: page.items.length,
    curPage: page.curPage,
    nextPage: page.nextPage,
    prevPage: page.prevPage,
    offset: (paging.page - 1) * paging.perPage,
    perPage: paging.perPage,
    itemsTotal: all.length,
    pageTotal: Math.ceil(all.length / paging.perPage),
  };
}

/**
 * The content envelope for one already-sliced page of `total` items (what
 * {@link contentEnvelope} returns, without holding every item).
 */
export function contentPage<T>(items: T[], total: number, paging: Paging): ContentEnvelope<T> {
  const offset = (paging.page - 1) * paging.perPage;
  return {
    items,
    itemsReceived: items.length,
    curPage: paging.page,
    nextPage: offset + paging.perPage < total ? paging.page + 1 : null,
    prevPage: paging.page > 1 ? paging.page - 1 : null,
    offset,
    perPage: paging.perPage,
    itemsTotal: total,
    pageTotal: Math.ceil(total / paging.perPage),
  };
}

function wholeNumber(name: string, raw: unknown, fallback: number, max: number): number {
  if (raw === undefined || raw === null || raw === "") return fallback;
  const value = typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw inputError(name, `"${name}" must be a whole number, got ${JSON.stringify(raw)}`);
  }
  if (value < 1) throw inputError(name, `"${name}" must be 1 or more, got ${value}`);
  if (value > max) throw inputError(name, `"${name}" must be at most ${max}, got ${value}`);
  return value;
}
