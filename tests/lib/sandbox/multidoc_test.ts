import assert from "node:assert/strict";
import { validateXanoScript } from "../../../lib/xs/mod.ts";
import { metaSandbox } from "./_helpers.ts";

const SCRIPT = { "content-type": "text/x-xanoscript" };

Deno.test("multidoc: export joins every object with --- and each part validates", async () => {
  const { meta } = await metaSandbox();
  await meta("POST", "/workspace/1/apigroup/1/api", { body: { name: "ping" } });
  const res = await meta("GET", "/workspace/1/multidoc");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/x-xanoscript; charset=utf-8");
  const parts = (res.body as string).split("\n---\n");
  assert.equal(parts.length, 1 + 3 + 1 + 1 + 4, "group, 3 tables, function, task, 4 endpoints");
  for (const part of parts) {
    const errors = validateXanoScript(part).filter((d) => d.severity === "error");
    assert.deepEqual(errors, [], part.slice(0, 60));
  }
});

Deno.test("multidoc: push creates and updates in one go; dry-run changes nothing", async () => {
  const { meta } = await metaSandbox();
  const doc = [
    'api_group blog {\n  canonical = "blog"\n}',
    'query posts verb=GET {\n  api_group = "blog"\n\n  input {\n  }\n\n  stack {\n  }\n\n  response = []\n}',
    "function order_total {\n  input {\n  }\n\n  stack {\n  }\n\n  response = 0\n}",
  ].join("\n---\n");
  const preview = await meta("POST", "/workspace/1/multidoc/dry-run", {
    body: doc,
    headers: SCRIPT,
  });
  assert.equal(preview.status, 200);
  assert.deepEqual(preview.body.summary, { created: 2, updated: 1, deleted: 0 });
  assert.equal(preview.body.dry_run, true);
  assert.equal(
    (await meta("GET", "/workspace/1/apigroup")).body.items.length,
    1,
    "dry run wrote nothing",
  );
  const pushed = await meta("POST", "/workspace/1/multidoc", { body: doc, headers: SCRIPT });
  assert.deepEqual(pushed.body.summary, { created: 2, updated: 1, deleted: 0 });
  const groups = await meta("GET", "/workspace/1/apigroup");
  assert.equal(groups.body.items[1].canonical, "blog");
  const endpoints = await meta("GET", `/workspace/1/apigroup/${groups.body.items[1].id}/api`);
  assert.equal(endpoints.body.items[0].name, "posts");
  const fn = await meta("GET", "/workspace/1/function/1?include_xanoscript=true");
  assert.match(fn.body.xanoscript.value, /response = 0/);
  const again = await meta("POST", "/workspace/1/multidoc", { body: doc, headers: SCRIPT });
  assert.deepEqual(
    again.body.summary,
    { created: 0, updated: 3, deleted: 0 },
    "pushing twice is idempotent",
  );
});

Deno.test("multidoc: an invalid document rejects the whole push with its line number", async () => {
  const { meta } = await metaSandbox();
  const doc = [
    "function one {\n  input {\n  }\n\n  stack {\n  }\n\n  response = 1\n}",
    "function two {\n  input {\n    string name\n  }\n\n  stack {\n  }\n\n  response = 2\n}",
  ].join("\n---\n");
  const res = await meta("POST", "/workspace/1/multidoc", { body: doc, headers: SCRIPT });
  assert.equal(res.status, 400);
  assert.equal(res.body.payload.line, 13, "line counted across the whole multidoc");
  assert.equal(
    (await meta("GET", "/workspace/1/function")).body.items.length,
    1,
    "function one was not created",
  );
  const orphan = await meta("POST", "/workspace/1/multidoc", {
    body:
      'query x verb=GET {\n  api_group = "ghost"\n\n  input {\n  }\n\n  stack {\n  }\n\n  response = 1\n}',
    headers: SCRIPT,
  });
  assert.equal(orphan.status, 400);
  assert.match(orphan.body.message, /ghost/);
  const dangling = await meta("POST", "/workspace/1/multidoc", {
    body:
      'table t {\n  schema {\n    int id\n    int owner {\n      table = "nowhere"\n    }\n  }\n}',
    headers: SCRIPT,
  });
  assert.equal(dangling.status, 400);
  assert.match(dangling.body.message, /nowhere/);
  assert.equal((await meta("POST", "/workspace/1/multidoc", { body: { a: 1 } })).status, 400);
});

Deno.test("multidoc: delete=true removes the objects the multidoc does not mention", async () => {
  const { meta } = await metaSandbox();
  const doc = 'api_group Authentication {\n  canonical = "auth"\n}';
  const preview = await meta("POST", "/workspace/1/multidoc/dry-run?delete=true", {
    body: doc,
    headers: SCRIPT,
  });
  assert.deepEqual(preview.body.summary, { created: 0, updated: 1, deleted: 8 });
  const res = await meta("POST", "/workspace/1/multidoc?delete=true", {
    body: doc,
    headers: SCRIPT,
  });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.summary, { created: 0, updated: 1, deleted: 8 });
  assert.equal((await meta("GET", "/workspace/1/api")).body.items.length, 0);
  assert.equal((await meta("GET", "/workspace/1/task")).body.items.length, 0);
  assert.equal((await meta("GET", "/workspace/1/table")).body.items.length, 0);
  assert.equal((await meta("GET", "/workspace/1/apigroup")).body.items.length, 1);
});

Deno.test("multidoc: an export pushed into an empty workspace recreates every object", async () => {
  const { meta } = await metaSandbox();
  const exported = (await meta("GET", "/workspace/1/multidoc")).body as string;
  const created = await meta("POST", "/workspace", { body: { name: "Copy" } });
  const ws = created.body.id;
  const moved = exported.replace('canonical = "auth"', 'canonical = "auth-copy"');
  const pushed = await meta("POST", `/workspace/${ws}/multidoc`, { body: moved, headers: SCRIPT });
  assert.equal(pushed.status, 200, JSON.stringify(pushed.body));
  assert.deepEqual(pushed.body.summary, { created: 9, updated: 0, deleted: 0 });
  const tables = await meta("GET", `/workspace/${ws}/table/3`);
  assert.equal(tables.body.name, "orders");
  const ref = tables.body.schema.find((f: { name: string }) => f.name === "user_id");
  assert.equal(ref.type, "tableref");
  assert.equal(ref.tableref_id, 1);
  const users = await meta("GET", `/workspace/${ws}/table/1`);
  assert.deepEqual(users.body.index.map((i: { type: string }) => i.type), ["primary", "unique"]);
  const again = (await meta("GET", `/workspace/${ws}/multidoc`)).body as string;
  assert.equal(again, moved, "export, push, export is a fixed point");
  const repush = await meta("POST", `/workspace/${ws}/multidoc`, { body: again, headers: SCRIPT });
  assert.deepEqual(repush.body.summary, { created: 0, updated: 9, deleted: 0 });
});
