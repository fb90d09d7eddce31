import assert from "node:assert/strict";
import { z } from "zod";
import { XanoError } from "../../../lib/xano/errors.ts";
import { collectPages, normalizePage, type Page } from "../../../lib/xano/paging.ts";

const Item = z.looseObject({ id: z.number() });
const op = { action: "list things" };

Deno.test("paging: envelopes, content envelopes, bare arrays and wrapped envelopes become one Page", () => {
  assert.deepEqual(normalizePage([{ id: 1 }], Item, op), {
    items: [{ id: 1 }],
    page: 1,
    nextPage: null,
    prevPage: null,
  });
  const content = normalizePage(
    { items: [{ id: 2 }], curPage: 2, nextPage: 3, prevPage: 1, itemsTotal: 9, perPage: 1 },
    Item,
    op,
  );
  assert.deepEqual([content.page, content.nextPage, content.total, content.perPage], [2, 3, 9, 1]);
  const wrapped = normalizePage([{ items: [{ id: 3 }], curPage: 1, nextPage: 2 }], Item, op);
  assert.deepEqual([wrapped.items, wrapped.nextPage], [[{ id: 3 }], 2]);
});

Deno.test("paging: an invalid answer is a bad_response naming the item", () => {
  assert.throws(() => normalizePage({ nope: 1 }, Item, op), XanoError);
  assert.throws(
    () => normalizePage([{ id: 1 }, { id: "x" }], Item, op),
    (error: XanoError) => error.category === "bad_response" && /item 1/.test(error.message),
  );
});

function pages(count: number, size = 2): (page: number) => Promise<Page<{ id: number }>> {
  return (page) =>
    Promise.resolve({
      items: Array.from({ length: size }, (_, k) => ({ id: (page - 1) * size + k })),
      page,
      nextPage: page < count ? page + 1 : null,
      prevPage: page > 1 ? page - 1 : null,
    });
}

Deno.test("paging: collectPages follows nextPage to the end", async () => {
  const all = await collectPages(pages(3));
  assert.deepEqual([all.items.length, all.pages, all.truncated, all.nextPage], [6, 3, false, null]);
});

Deno.test("paging: collectPages stops at maxPages and says where to continue", async () => {
  const some = await collectPages(pages(10), { maxPages: 2 });
  assert.deepEqual([some.items.length, some.truncated, some.nextPage], [4, true, 3]);
});

Deno.test("paging: collectPages cut by maxItems points back at the cut page", async () => {
  const some = await collectPages(pages(10), { maxItems: 3 });
  assert.deepEqual([some.items.length, some.truncated, some.nextPage], [3, true, 2]);
});

Deno.test("paging: a page that points back to itself ends the walk", async () => {
  let calls = 0;
  const all = await collectPages((page) => {
    calls++;
    return Promise.resolve({ items: [{ id: 1 }], page, nextPage: page, prevPage: null });
  });
  assert.equal(calls, 1);
  assert.equal(all.truncated, false);
});
