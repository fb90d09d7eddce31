/**
 * One page shape for Xano's three list answers: the `{curPage, nextPage, …,
 * items}` envelope, the content envelope with totals, and a bare array. Also
 * the bounded walker that follows `nextPage`.
 *
 * @example
 * ```ts
 * const page = normalizePage([{ id: 1, name: "a" }], WorkspaceSchema, op);
 * page.nextPage; // null
 * ```
 * @module
 */

import { z } from "zod";
import { badResponse, type XanoOperation } from "./errors.ts";

/** A page of a Xano list, whatever shape Xano sent. */
export interface Page<T> {
  readonly items: readonly T[];
  /** 1-based number of this page. */
  readonly page: number;
  /** The next page number, or `null` on the last page. */
  readonly nextPage: number | null;
  readonly prevPage: number | null;
  /** Total item count, when Xano reports it. */
  readonly total?: number;
  readonly perPage?: number;
}

const pageNumber = z.number().int().nullish();

const EnvelopeSchema = z.looseObject({
  items: z.array(z.unknown()),
  curPage: pageNumber,
  nextPage: pageNumber,
  prevPage: pageNumber,
  itemsTotal: z.number().nullish(),
  perPage: z.number().nullish(),
});

/**
 * Validates a list answer and converts it to a {@link Page}. Accepts an
 * envelope, a bare array, and the spec's array wrapping one envelope.
 * Throws a `bad_response` {@link XanoError} naming the first invalid item.
 */
export function normalizePage<T>(
  raw: unknown,
  itemSchema: z.ZodType<T>,
  op: XanoOperation,
): Page<T> {
  let envelope: z.infer<typeof EnvelopeSchema>;
  if (Array.isArray(raw)) {
    const wrapped = raw.length === 1 ? EnvelopeSchema.safeParse(raw[0]) : undefined;
    envelope = wrapped?.success ? wrapped.data : { items: raw };
  } else {
    const parsed = EnvelopeSchema.safeParse(raw);
    if (!parsed.success) {
      throw badResponse(op, "expected a list or an {items} envelope", parsed.error);
    }
    envelope = parsed.data;
  }
  const items: T[] = [];
  for (const [index, item] of envelope.items.entries()) {
    const parsed = itemSchema.safeParse(item);
    if (!parsed.success) {
      throw badResponse(op, `item ${index}: ${summarize(parsed.error)}`, parsed.error);
    }
    items.push(parsed.data);
  }
  return {
    items,
    page: envelope.curPage ?? 1,
    nextPage: envelope.nextPage ?? null,
    prevPage: envelope.prevPage ?? null,
    ...(envelope.itemsTotal == null ? {} : { total: envelope.itemsTotal }),
    ...(envelope.perPage == null ? {} : { perPage: envelope.perPage }),
  };
}

/** Bounds for {@link collectPages}. */
export interface CollectOptions {
  /** Stop after this many pages (default 20). */
  readonly maxPages?: number;
  /** Stop once this many items are collected (default 5000). */
  readonly maxItems?: number;
  /** First page to fetch (default 1). */
  readonly startPage?: number;
}

/** Items from several pages, and where to continue if a bound stopped the walk. */
export interface Collected<T> {
  readonly items: readonly T[];
  readonly pages: number;
  /** True when a bound stopped the walk before the last page. */
  readonly truncated: boolean;
  /**
   * The page to fetch next to continue, or `null` when everything was read. When
   * `maxItems` cut a page short, this is that page (its first items are repeated).
   */
  readonly nextPage: number | null;
  readonly total?: number;
}

/**
 * Follows `nextPage` from `startPage` until the last page or a bound. A page
 * that points back to itself or an earlier page ends the walk (a loop guard).
 *
 * @example
 * ```ts
 * const all = await collectPages((page) => client.listTables(1, { page }), { maxPages: 5 });
 * ```
 */
export async function collectPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: CollectOptions = {},
): Promise<Collected<T>> {
  const maxPages = options.maxPages ?? 20;
  const maxItems = options.maxItems ?? 5000;
  const items: T[] = [];
  let next: number | null = options.startPage ?? 1;
  let pages = 0;
  let total: number | undefined;
  while (next !== null && pages < maxPages && items.length < maxItems) {
    const current: number = next;
    const page = await fetchPage(current);
    pages++;
    total = page.total ?? total;
    const room = maxItems - items.length;
    items.push(...page.items.slice(0, room));
    const advanced = page.nextPage !== null && page.nextPage > current;
    next = advanced && page.items.length > 0 ? page.nextPage : null;
    // A page cut by maxItems is reported as the place to continue (its head is re-read).
    if (page.items.length > room) next = current;
  }
  return {
    items,
    pages,
    truncated: next !== null,
    nextPage: next,
    ...(total === undefined ? {} : { total }),
  };
}

function summarize(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.length ? issue.path.join(".") : "(root)";
  return `${path}: ${issue.message}`;
}
