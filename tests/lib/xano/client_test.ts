import assert from "node:assert/strict";
import { BadRequestError } from "../../../lib/errors.ts";
import { XanoError } from "../../../lib/xano/errors.ts";
import { fakeClient, fakeFetch, json } from "./_fake.ts";

Deno.test("client: sends the bearer token and JSON accept header, normalises a bare array", async () => {
  const fake = fakeFetch(() => json([{ id: 1, name: "main", description: "" }]));
  const page = await fakeClient(fake.fetch).listWorkspaces();
  assert.equal(fake.seen[0]!.method, "GET");
  assert.equal(fake.seen[0]!.url.href, "https://x.test/api:meta/workspace");
  assert.equal(fake.seen[0]!.headers.get("authorization"), "Bearer meta-secret");
  assert.equal(fake.seen[0]!.headers.get("accept"), "application/json");
  assert.deepEqual(page.items.map((w) => w.id), [1]);
  assert.equal(page.nextPage, null);
});

Deno.test("client: list options become Xano query parameters and the envelope is normalised", async () => {
  const fake = fakeFetch(() =>
    json({ curPage: 2, nextPage: 3, prevPage: 1, items: [{ id: 7, name: "users" }] })
  );
  const page = await fakeClient(fake.fetch).listTables(1, {
    page: 2,
    perPage: 10,
    search: "us",
    includeXanoscript: true,
  });
  const url = fake.seen[0]!.url;
  assert.equal(url.pathname, "/api:meta/workspace/1/table");
  assert.equal(url.searchParams.get("page"), "2");
  assert.equal(url.searchParams.get("per_page"), "10");
  assert.equal(url.searchParams.get("search"), "us");
  assert.equal(url.searchParams.get("include_xanoscript"), "true");
  assert.deepEqual({ page: page.page, next: page.nextPage, prev: page.prevPage }, {
    page: 2,
    next: 3,
    prev: 1,
  });
});

Deno.test("client: XanoScript deploys send text/x-xanoscript bodies", async () => {
  const fake = fakeFetch(() => json({ id: 12, name: "hello" }));
  const client = fakeClient(fake.fetch);
  const source = 'function hello {\n  input {\n  }\n  stack {\n  }\n  response = "hi"\n}\n';
  await client.createFromXanoscript(3, { kind: "function" }, source);
  await client.updateFromXanoscript(3, { kind: "api", apiGroupId: 4, id: 9 }, source, {
    publish: false,
  });
  assert.equal(fake.seen[0]!.method, "POST");
  assert.equal(fake.seen[0]!.url.pathname, "/api:meta/workspace/3/function");
  assert.equal(fake.seen[0]!.headers.get("content-type"), "text/x-xanoscript");
  assert.equal(fake.seen[0]!.body, source);
  assert.equal(fake.seen[1]!.method, "PUT");
  assert.equal(fake.seen[1]!.url.pathname, "/api:meta/workspace/3/apigroup/4/api/9");
  assert.equal(fake.seen[1]!.url.searchParams.get("publish"), "false");
});

Deno.test("client: content routes send x-data-source and search bodies", async () => {
  const fake = fakeFetch(() =>
    json({
      items: [{ id: 1, sku: "a" }],
      itemsReceived: 1,
      curPage: 1,
      nextPage: null,
      prevPage: null,
      offset: 0,
      perPage: 50,
      itemsTotal: 1,
      pageTotal: 1,
    })
  );
  const page = await fakeClient(fake.fetch).searchRecords(1, 2, [{ "sku|in": ["a"] }], {
    dataSource: "test",
    sort: { id: "desc" },
  });
  const seen = fake.seen[0]!;
  assert.equal(seen.url.pathname, "/api:meta/workspace/1/table/2/content/search");
  assert.equal(seen.headers.get("x-data-source"), "test");
  assert.deepEqual(JSON.parse(seen.body), {
    page: 1,
    per_page: 50,
    sort: { id: "desc" },
    search: [{ "sku|in": ["a"] }],
  });
  assert.equal(page.total, 1);
});

Deno.test("client: schema helpers hit the documented routes", async () => {
  const fake = fakeFetch(() => json({ name: "x" }));
  const client = fakeClient(fake.fetch);
  await client.addField(1, 2, { name: "status", type: "enum", extras: { values: ["a", "b"] } });
  await client.renameField(1, 2, "status", "state");
  await client.deleteField(1, 2, "state");
  assert.deepEqual(fake.seen.map((s) => `${s.method} ${s.url.pathname}`), [
    "POST /api:meta/workspace/1/table/2/schema/type/enum",
    "POST /api:meta/workspace/1/table/2/schema/rename",
    "DELETE /api:meta/workspace/1/table/2/schema/state",
  ]);
  assert.deepEqual(JSON.parse(fake.seen[0]!.body), { values: ["a", "b"], name: "status" });
  assert.deepEqual(JSON.parse(fake.seen[1]!.body), { old_name: "status", new_name: "state" });
});

Deno.test("client: a 404 becomes not_found with a next step naming the list tool", async () => {
  const fake = fakeFetch(() => json({ code: "ERROR_CODE_NOT_FOUND", message: "Not Found." }, 404));
  const error = await fakeClient(fake.fetch).getTable(1, 42).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "not_found");
  assert.equal(error.upstreamStatus, 404);
  assert.match(error.message, /table "42"/);
  assert.match(error.nextStep, /xano_list_tables with workspace_id 1/);
  assert.equal(fake.seen.length, 1, "a 404 is not retried");
});

Deno.test("client: an answer of the wrong shape is a bad_response naming the field", async () => {
  const fake = fakeFetch(() => json([{ id: "not-a-number", name: 3 }]));
  const error = await fakeClient(fake.fetch).listWorkspaces().catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "bad_response");
  assert.match(error.message, /item 0: id/);
});

Deno.test("client: a body that is not JSON is a bad_response, never a crash", async () => {
  const fake = fakeFetch(() => new Response("<html>gateway</html>", { status: 200 }));
  const error = await fakeClient(fake.fetch).getWorkspace(1).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "bad_response");
});

Deno.test("client: invalid ids are rejected before any request", async () => {
  const fake = fakeFetch(() => json({}));
  await assert.rejects(fakeClient(fake.fetch).getTable(1, -1), BadRequestError);
  await assert.rejects(fakeClient(fake.fetch).deleteField(1, 2, "../x"), BadRequestError);
  assert.equal(fake.seen.length, 0);
});

Deno.test("client: multidoc export reads text and push sends XanoScript", async () => {
  const fake = fakeFetch((seen) =>
    seen.method === "GET" ? new Response("table user {}\n---\n") : json({ ok: true })
  );
  const client = fakeClient(fake.fetch);
  assert.equal(await client.getMultidoc(1, { branch: "dev" }), "table user {}\n---\n");
  await client.pushMultidoc(1, "table user {}", { dryRun: true });
  assert.equal(fake.seen[1]!.url.pathname, "/api:meta/workspace/1/multidoc/dry-run");
  assert.equal(fake.seen[1]!.headers.get("content-type"), "text/x-xanoscript");
});

Deno.test("client: a XanoScript rejection carries line and column", async () => {
  const fake = fakeFetch(() =>
    json({
      code: "ERROR_CODE_INPUT_ERROR",
      message: "Syntax error at line 3, column 5: unexpected token",
      payload: { param: "xanoscript" },
    }, 400)
  );
  const error = await fakeClient(fake.fetch)
    .createFromXanoscript(1, { kind: "function" }, "function x {")
    .catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "validation");
  assert.deepEqual([error.line, error.column], [3, 5]);
  assert.match(error.nextStep, /line 3, column 5/);
});

Deno.test("client: API group and endpoint JSON routes and the XanoScript group check", async () => {
  const fake = fakeFetch((seen) =>
    seen.method === "POST" ? json({ id: 5, name: "ping", verb: "GET" }) : json({})
  );
  const client = fakeClient(fake.fetch);
  await client.updateApiGroup(1, 2, { name: "public" });
  await client.createApi(1, 2, { name: "ping", verb: "GET" });
  await client.updateApi(1, 2, 5, { auth: "user" });
  await client.replaceIndexes(1, 3, [{ type: "btree", fields: [{ name: "x", op: "asc" }] }]);
  await client.searchDeleteRecords(1, 3, { "id|>": 10 });
  assert.deepEqual(fake.seen.map((s) => `${s.method} ${s.url.pathname}`), [
    "PUT /api:meta/workspace/1/apigroup/2",
    "POST /api:meta/workspace/1/apigroup/2/api",
    "PUT /api:meta/workspace/1/apigroup/2/api/5",
    "PUT /api:meta/workspace/1/table/3/index",
    "POST /api:meta/workspace/1/table/3/content/search/delete",
  ]);
  await assert.rejects(
    client.createFromXanoscript(1, { kind: "api" }, "query x verb=GET {}"),
    BadRequestError,
  );
});
