import assert from "node:assert/strict";
import { metaSandbox } from "./_helpers.ts";

Deno.test("tables: list is a paging envelope of table meta", async () => {
  const { meta } = await metaSandbox();
  const res = await meta("GET", "/workspace/1/table");
  assert.equal(res.status, 200);
  assert.deepEqual(Object.keys(res.body).sort(), ["curPage", "items", "nextPage", "prevPage"]);
  assert.deepEqual(res.body.items.map((t: { name: string }) => t.name), [
    "users",
    "products",
    "orders",
  ]);
  assert.deepEqual(Object.keys(res.body.items[0]).sort(), [
    "auth",
    "created_at",
    "description",
    "docs",
    "guid",
    "id",
    "name",
    "tag",
    "updated_at",
  ]);
  assert.equal(res.body.items[0].created_at, "2026-01-01 00:00:00+0000");
});

Deno.test("tables: list pages, searches and sorts", async () => {
  const { meta } = await metaSandbox();
  const page2 = await meta("GET", "/workspace/1/table?per_page=2&page=2");
  assert.deepEqual(page2.body.items.map((t: { name: string }) => t.name), ["orders"]);
  assert.equal(page2.body.prevPage, 1);
  assert.equal(page2.body.nextPage, null);
  const page1 = await meta("GET", "/workspace/1/table?per_page=2");
  assert.equal(page1.body.nextPage, 2);
  const found = await meta("GET", "/workspace/1/table?search=PROD");
  assert.deepEqual(found.body.items.map((t: { name: string }) => t.name), ["products"]);
  const sorted = await meta("GET", "/workspace/1/table?sort=name&order=desc");
  assert.deepEqual(sorted.body.items.map((t: { name: string }) => t.name), [
    "users",
    "products",
    "orders",
  ]);
  assert.equal((await meta("GET", "/workspace/1/table?sort=size")).status, 400);
  assert.equal((await meta("GET", "/workspace/1/table?order=up")).status, 400);
});

Deno.test("tables: get returns schema and indexes; include_xanoscript adds the source", async () => {
  const { meta } = await metaSandbox();
  const plain = await meta("GET", "/workspace/1/table/2");
  assert.equal(plain.body.name, "products");
  assert.equal(plain.body.xanoscript, undefined);
  assert.ok(plain.body.schema.some((f: { name: string }) => f.name === "price"));
  const withScript = await meta("GET", "/workspace/1/table/3?include_xanoscript=true");
  assert.equal(withScript.body.xanoscript.status, "ok");
  assert.match(withScript.body.xanoscript.value, /^table orders \{/);
  assert.match(withScript.body.xanoscript.value, /int user_id \{\n\s+table = "users"/);
  assert.equal((await meta("GET", "/workspace/1/table/2?include_xanoscript=maybe")).status, 400);
  assert.equal((await meta("GET", "/workspace/1/table/99")).status, 404);
  assert.equal((await meta("GET", "/workspace/1/table/-1")).status, 404);
});

Deno.test("tables: create from JSON with the default schema, refuse duplicates and bad input", async () => {
  const { meta } = await metaSandbox();
  const created = await meta("POST", "/workspace/1/table", {
    body: { name: "notes", description: "Things to remember", tag: ["misc"] },
  });
  assert.equal(created.status, 200);
  assert.equal(created.body.id, 4);
  assert.deepEqual(created.body.schema.map((f: { name: string }) => f.name), ["id", "created_at"]);
  assert.deepEqual(created.body.tag, ["misc"]);
  const dup = await meta("POST", "/workspace/1/table", { body: { name: "NOTES" } });
  assert.equal(dup.status, 400);
  assert.equal(dup.body.payload.param, "name");
  assert.equal((await meta("POST", "/workspace/1/table", { body: {} })).status, 400);
  assert.equal((await meta("POST", "/workspace/1/table", { body: { name: 5 } })).status, 400);
  const badSchema = await meta("POST", "/workspace/1/table", {
    body: { name: "bad", schema: [{ name: "x", type: "string" }] },
  });
  assert.equal(badSchema.status, 400);
  assert.equal(badSchema.body.code, "ERROR_CODE_INPUT_ERROR");
  const withSchema = await meta("POST", "/workspace/1/table", {
    body: {
      name: "events",
      schema: [{ name: "title", type: "text", required: true }, {
        name: "kind",
        type: "enum",
        values: ["a", "b"],
      }],
      index: [{ type: "btree", fields: [{ name: "title", op: "asc" }] }],
    },
  });
  assert.equal(withSchema.status, 200);
  assert.deepEqual(withSchema.body.schema.map((f: { name: string }) => f.name), [
    "id",
    "title",
    "kind",
  ]);
  assert.deepEqual(withSchema.body.index.map((i: { type: string }) => i.type), [
    "primary",
    "btree",
  ]);
});

Deno.test("tables: PUT on the table itself takes XanoScript only", async () => {
  const { meta } = await metaSandbox();
  const put = await meta("PUT", "/workspace/1/table/1", { body: { name: "x" } });
  assert.equal(put.status, 400, "PUT with JSON points to …/meta");
  assert.match(put.body.message, /text\/x-xanoscript/);
  const invalid = await meta("POST", "/workspace/1/table", {
    body: "table notes {\n  schema {\n    string title\n  }\n}",
    headers: { "content-type": "text/x-xanoscript" },
  });
  assert.equal(invalid.status, 400);
  assert.match(invalid.body.message, /line 3, column 5/);
  assert.equal(
    (await meta("GET", "/workspace/1/table")).body.items.length,
    3,
    "nothing was created",
  );
});

Deno.test("tables: meta, security and autocomplete updates", async () => {
  const { meta } = await metaSandbox();
  const updated = await meta("PUT", "/workspace/1/table/2/meta", {
    body: { name: "items", description: "Renamed", auth: true, tag: ["shop"] },
  });
  assert.equal(updated.status, 200);
  assert.equal(updated.body.name, "items");
  assert.equal(updated.body.auth, true);
  assert.equal(
    (await meta("PUT", "/workspace/1/table/2/meta", { body: { name: "users" } })).status,
    400,
  );
  const secured = await meta("PUT", "/workspace/1/table/2/security", { body: { guid: "g-new" } });
  assert.equal(secured.body.guid, "g-new");
  const auto = await meta("PUT", "/workspace/1/table/2/autocomplete", {
    body: { autocomplete: [{ name: "price" }] },
  });
  assert.deepEqual(auto.body, { autocomplete: [{ name: "price" }] });
  const badAuto = await meta("PUT", "/workspace/1/table/2/autocomplete", {
    body: { autocomplete: [{ name: "nope" }] },
  });
  assert.equal(badAuto.status, 400);
});

Deno.test("tables: delete removes the table and all of its records", async () => {
  const { meta } = await metaSandbox();
  assert.equal((await meta("DELETE", "/workspace/1/table/3")).status, 200);
  assert.equal((await meta("GET", "/workspace/1/table/3")).status, 404);
  assert.equal((await meta("GET", "/workspace/1/table/3/content")).status, 404);
  assert.equal((await meta("DELETE", "/workspace/1/table/3")).status, 404);
  assert.equal((await meta("GET", "/workspace/1/table")).body.items.length, 2);
});
