import assert from "node:assert/strict";
import { metaSandbox } from "./_helpers.ts";

const ids = (items: { id: number }[]) => items.map((r) => r.id);
const PRODUCTS = "/workspace/1/table/2/content";

Deno.test("content: browse returns the content envelope", async () => {
  const { meta } = await metaSandbox();
  const res = await meta("GET", `${PRODUCTS}?per_page=4&page=2`);
  assert.equal(res.status, 200);
  assert.deepEqual(Object.keys(res.body).sort(), [
    "curPage",
    "items",
    "itemsReceived",
    "itemsTotal",
    "nextPage",
    "offset",
    "pageTotal",
    "perPage",
    "prevPage",
  ]);
  assert.deepEqual(ids(res.body.items), [5, 6, 7, 8]);
  assert.equal(res.body.itemsReceived, 4);
  assert.equal(res.body.curPage, 2);
  assert.equal(res.body.nextPage, 3);
  assert.equal(res.body.prevPage, 1);
  assert.equal(res.body.offset, 4);
  assert.equal(res.body.perPage, 4);
  assert.equal(res.body.itemsTotal, 15);
  assert.equal(res.body.pageTotal, 4);
});

Deno.test("content: paging edges", async () => {
  const { meta } = await metaSandbox();
  const first = await meta("GET", PRODUCTS);
  assert.equal(first.body.perPage, 50, "default per_page is 50");
  assert.equal(first.body.items.length, 15);
  assert.equal(first.body.nextPage, null);
  assert.equal(first.body.prevPage, null);
  const last = await meta("GET", `${PRODUCTS}?per_page=5&page=3`);
  assert.equal(last.body.nextPage, null, "exactly full last page");
  const past = await meta("GET", `${PRODUCTS}?per_page=5&page=9`);
  assert.equal(past.status, 200);
  assert.deepEqual(past.body.items, []);
  assert.equal(past.body.itemsReceived, 0);
  assert.equal(past.body.nextPage, null);
  assert.equal(past.body.prevPage, 8);
  assert.equal(past.body.itemsTotal, 15);
  for (
    const query of ["page=0", "page=-1", "page=x", "per_page=0", "per_page=10001", "per_page=1.5"]
  ) {
    const bad = await meta("GET", `${PRODUCTS}?${query}`);
    assert.equal(bad.status, 400, query);
    assert.equal(bad.body.code, "ERROR_CODE_INPUT_ERROR", query);
  }
  assert.equal((await meta("GET", `${PRODUCTS}?per_page=10000`)).status, 200);
  const searched = await meta("POST", `${PRODUCTS}/search`, { body: { page: 0 } });
  assert.equal(searched.status, 400);
});

Deno.test("content: create, get, update and delete one record", async () => {
  const { meta, clock } = await metaSandbox();
  const created = await meta("POST", PRODUCTS, {
    body: { name: "Gift card", price: "25.5", category: "accessories", unknown: "ignored" },
  });
  assert.equal(created.status, 200);
  assert.equal(created.body.id, 16);
  assert.equal(created.body.price, 25.5);
  assert.equal(created.body.stock, 0, "int default");
  assert.equal(created.body.created_at, clock.now());
  assert.deepEqual(created.body.tags, []);
  assert.equal(created.body.unknown, undefined);
  assert.deepEqual((await meta("GET", `${PRODUCTS}/16`)).body, created.body);
  const updated = await meta("PUT", `${PRODUCTS}/16`, { body: { stock: 3 } });
  assert.equal(updated.body.stock, 3);
  assert.equal(updated.body.name, "Gift card");
  assert.equal((await meta("DELETE", `${PRODUCTS}/16`)).status, 200);
  assert.equal((await meta("GET", `${PRODUCTS}/16`)).status, 404);
  assert.equal((await meta("DELETE", `${PRODUCTS}/16`)).status, 404);
  assert.equal(
    (await meta("POST", PRODUCTS, { body: { name: "x", price: 1 } })).body.id,
    17,
    "ids are not reused",
  );
});

Deno.test("content: invalid values are input errors naming the field", async () => {
  const { meta } = await metaSandbox();
  const cases: [Record<string, unknown>, string][] = [
    [{ price: 1 }, "name"],
    [{ name: "x", price: "cheap" }, "price"],
    [{ name: "x", price: 1, stock: 1.5 }, "stock"],
    [{ name: "x", price: 1, category: "toys" }, "category"],
    [{ name: "x", price: 1, tags: "one" }, "tags"],
    [{ name: 7, price: 1 }, "name"],
  ];
  for (const [body, param] of cases) {
    const res = await meta("POST", PRODUCTS, { body });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.body.payload.param, param, JSON.stringify(body));
  }
  const array = await meta("POST", PRODUCTS, {
    body: "[1]",
    headers: { "content-type": "application/json" },
  });
  assert.equal(array.status, 400);
  assert.equal((await meta("GET", PRODUCTS)).body.itemsTotal, 15, "nothing was written");
});

Deno.test("content: search in the compact form with sort", async () => {
  const { meta } = await metaSandbox();
  const res = await meta("POST", `${PRODUCTS}/search`, {
    body: { search: [{ "price|>": 30 }, { "price|<": 70 }], sort: { price: "desc" } },
  });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.items.map((p: { price: number }) => p.price), [45, 39, 32]);
  assert.equal(res.body.itemsTotal, 3);
  const equal = await meta("POST", `${PRODUCTS}/search`, {
    body: { search: { category: "dairy" } },
  });
  assert.deepEqual(equal.body.items.map((p: { name: string }) => p.name), [
    "Oat milk",
    "Whole milk",
  ]);
  const any = await meta("POST", `${PRODUCTS}/search`, {
    body: { search: [{ or: [{ name: "Scale" }, { name: "Tamper" }] }] },
  });
  assert.deepEqual(ids(any.body.items), [12, 13]);
  const inList = await meta("POST", `${PRODUCTS}/search`, {
    body: { search: { "id|in": [1, 3] }, per_page: 1 },
  });
  assert.deepEqual(ids(inList.body.items), [1]);
  assert.equal(inList.body.nextPage, 2);
  const bad = await meta("POST", `${PRODUCTS}/search`, { body: { search: { "price|~": 1 } } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /Unknown search operator "~"/);
  assert.equal((await meta("POST", `${PRODUCTS}/search`, { body: { search: 5 } })).status, 400);
  assert.equal(
    (await meta("POST", `${PRODUCTS}/search`, { body: { sort: { price: "up" } } })).status,
    400,
  );
});

Deno.test("content: search in the structured form with groups and OR", async () => {
  const { meta } = await metaSandbox();
  const statement = (operand: string, op: string, value: unknown, tag = "const") => ({
    type: "statement",
    left: { tag: "col", operand },
    op,
    right: { tag, operand: value },
  });
  const res = await meta("POST", `${PRODUCTS}/search`, {
    body: {
      search: [statement("category", "==", "coffee"), statement("price", ">", "15", "const:int")],
    },
  });
  assert.deepEqual(res.body.items.map((p: { name: string }) => p.name), ["Single origin beans"]);
  const grouped = await meta("POST", `${PRODUCTS}/search`, {
    body: {
      search: [{
        type: "group",
        group: {
          expression: [statement("name", "==", "Scale"), {
            ...statement("name", "==", "Tamper"),
            or: true,
          }],
        },
      }],
    },
  });
  assert.deepEqual(ids(grouped.body.items), [12, 13]);
  const like = await meta("POST", `${PRODUCTS}/search`, {
    body: { search: [statement("products.name", "ilike", "%MILK%")] },
  });
  assert.deepEqual(ids(like.body.items), [5, 8, 14]);
  const bad = await meta("POST", `${PRODUCTS}/search`, {
    body: { search: [{ type: "statement", left: {} }] },
  });
  assert.equal(bad.status, 400);
});

Deno.test("content: bulk create is all-or-nothing and returns the new ids", async () => {
  const { meta } = await metaSandbox();
  const created = await meta("POST", `${PRODUCTS}/bulk`, {
    body: { items: [{ name: "A", price: 1 }, { name: "B", price: 2 }] },
  });
  assert.deepEqual(created.body, [16, 17]);
  const failed = await meta("POST", `${PRODUCTS}/bulk`, {
    body: { items: [{ name: "C", price: 1 }, { name: "D", price: "x" }] },
  });
  assert.equal(failed.status, 400);
  assert.equal(failed.body.payload.param, "items[1].price");
  assert.equal((await meta("GET", PRODUCTS)).body.itemsTotal, 17, "no partial write");
  const withIds = await meta("POST", `${PRODUCTS}/bulk`, {
    body: { items: [{ id: 100, name: "E", price: 1 }], allow_id_field: true },
  });
  assert.deepEqual(withIds.body, [100]);
  assert.equal((await meta("POST", PRODUCTS, { body: { name: "F", price: 1 } })).body.id, 101);
  const clash = await meta("POST", `${PRODUCTS}/bulk`, {
    body: { items: [{ id: 1, name: "G", price: 1 }], allow_id_field: true },
  });
  assert.equal(clash.status, 400);
  assert.equal((await meta("POST", `${PRODUCTS}/bulk`, { body: { items: [] } })).status, 400);
});

Deno.test("content: bulk patch and bulk delete report what they did", async () => {
  const { meta } = await metaSandbox();
  const patched = await meta("POST", `${PRODUCTS}/bulk/patch`, {
    body: {
      items: [{ row_id: 1, updates: { stock: 99 } }, { row_id: 999, updates: { stock: 1 } }],
    },
  });
  assert.deepEqual(patched.body, { success: [1], success_total: 1 });
  assert.equal((await meta("GET", `${PRODUCTS}/1`)).body.stock, 99);
  const badPatch = await meta("POST", `${PRODUCTS}/bulk/patch`, {
    body: {
      items: [{ row_id: 2, updates: { stock: 1 } }, { row_id: 3, updates: { stock: "many" } }],
    },
  });
  assert.equal(badPatch.status, 400);
  assert.notEqual((await meta("GET", `${PRODUCTS}/2`)).body.stock, 1, "no partial patch");
  const deleted = await meta("POST", `${PRODUCTS}/bulk/delete`, {
    body: { row_ids: [1, 2, 2, 999] },
  });
  assert.deepEqual(deleted.body, { success: [1, 2], success_total: 2, error: [999] });
  assert.equal((await meta("GET", PRODUCTS)).body.itemsTotal, 13);
  assert.equal(
    (await meta("POST", `${PRODUCTS}/bulk/delete`, { body: { row_ids: ["1"] } })).status,
    400,
  );
});

Deno.test("content: search patch and search delete", async () => {
  const { meta } = await metaSandbox();
  const patched = await meta("POST", `${PRODUCTS}/search/patch`, {
    body: { search: { category: "dairy" }, updates: { stock: 0 } },
  });
  assert.deepEqual(patched.body, { success: [5, 14], success_total: 2 });
  const zero = await meta("POST", `${PRODUCTS}/search`, {
    body: { search: { stock: 0, category: "dairy" } },
  });
  assert.equal(zero.body.itemsTotal, 2);
  assert.equal(
    (await meta("POST", `${PRODUCTS}/search/patch`, { body: { updates: { stock: 1 } } })).status,
    400,
  );
  assert.equal(
    (await meta("POST", `${PRODUCTS}/search/patch`, { body: { search: {}, updates: 3 } })).status,
    400,
  );
  const deleted = await meta("POST", `${PRODUCTS}/search/delete`, {
    body: { search: { "price|<": 5 } },
  });
  assert.deepEqual(deleted.body, { success: [2, 5, 14], success_total: 3 });
  assert.equal((await meta("POST", `${PRODUCTS}/search/delete`, { body: {} })).status, 400);
});

Deno.test("content: truncate empties the table and optionally resets the ids", async () => {
  const { meta } = await metaSandbox();
  assert.equal((await meta("DELETE", "/workspace/1/table/2/truncate", { body: {} })).status, 200);
  assert.equal((await meta("GET", PRODUCTS)).body.itemsTotal, 0);
  assert.equal((await meta("POST", PRODUCTS, { body: { name: "x", price: 1 } })).body.id, 16);
  await meta("DELETE", "/workspace/1/table/2/truncate", { body: { reset: true } });
  assert.equal((await meta("POST", PRODUCTS, { body: { name: "x", price: 1 } })).body.id, 1);
});

Deno.test("content: x-data-source picks a separate data set", async () => {
  const { meta } = await metaSandbox();
  const test = { "x-data-source": "test" };
  assert.equal((await meta("GET", PRODUCTS, { headers: test })).body.itemsTotal, 0);
  const created = await meta("POST", PRODUCTS, {
    body: { name: "Test only", price: 1 },
    headers: test,
  });
  assert.equal(created.body.id, 1);
  assert.equal((await meta("GET", PRODUCTS, { headers: test })).body.itemsTotal, 1);
  assert.equal((await meta("GET", PRODUCTS)).body.itemsTotal, 15);
  const unknown = await meta("GET", PRODUCTS, { headers: { "x-data-source": "nope" } });
  assert.equal(unknown.status, 404);
});

Deno.test("content: records show every column, private and password ones included (hashed)", async () => {
  const { meta } = await metaSandbox();
  const user = await meta("GET", "/workspace/1/table/1/content/1");
  assert.match(user.body.password, /^sha256\$[0-9a-f]{64}$/);
  const created = await meta("POST", "/workspace/1/table/1/content", {
    body: { name: "New", email: "new@example.com", password: "s3cret-pass" },
  });
  assert.equal(created.status, 200);
  assert.notEqual(created.body.password, "s3cret-pass");
  assert.equal(created.body.role, "member");
  assert.equal(created.body.is_active, true);
});
