import assert from "node:assert/strict";
import { readFixtures } from "../xs/_fixtures.ts";
import { metaSandbox } from "./_helpers.ts";

const SCRIPT = { "content-type": "text/x-xanoscript" };

function firstWord(source: string): string {
  const line = source.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("//"));
  return line?.trim().split(/\s/)[0] ?? "";
}

/** Posts a script to the create route for its kind; creates the API group a query names. */
async function push(source: string, env?: Awaited<ReturnType<typeof metaSandbox>>) {
  const sandbox = env ?? await metaSandbox();
  const { meta } = sandbox;
  const kind = firstWord(source);
  let path = {
    table: "/workspace/1/table",
    api_group: "/workspace/1/apigroup",
    function: "/workspace/1/function",
    task: "/workspace/1/task",
  }[kind] ?? "";
  if (kind === "query") {
    const group = /api_group = "([^"]+)"/.exec(source)?.[1];
    let id = 1;
    if (group) {
      const created = await meta("POST", "/workspace/1/apigroup", { body: { name: group } });
      id = created.body.id ??
        (await meta("GET", "/workspace/1/apigroup?search=" + group)).body.items[0].id;
    }
    path = `/workspace/1/apigroup/${id}/api`;
  }
  assert.ok(path, `no route for a "${kind}" script`);
  const res = await meta("POST", `${path}?include_xanoscript=true`, {
    body: source,
    headers: SCRIPT,
  });
  return { res, path, kind, meta };
}

Deno.test("xanoscript: every valid fixture is accepted, stored and read back verbatim", async () => {
  const shared = await metaSandbox();
  const fixtures = readFixtures("valid");
  assert.ok(fixtures.length >= 20);
  for (const [name, source] of fixtures) {
    const isTable = firstWord(source) === "table";
    const { res, path, meta } = await push(source, isTable ? shared : undefined);
    assert.equal(res.status, 200, `${name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.xanoscript.value, source, name);
    const back = await meta("GET", `${path}/${res.body.id}?include_xanoscript=true`);
    assert.equal(back.status, 200, name);
    assert.equal(back.body.xanoscript.value, source, `${name} reads back`);
  }
});

Deno.test("xanoscript: every invalid fixture is a 400 with line and column, and nothing is stored", async () => {
  const fixtures = readFixtures("invalid");
  assert.ok(fixtures.length >= 15);
  for (const [name, source] of fixtures) {
    const { res, meta, path } = await push(source);
    assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, "ERROR_CODE_BAD_REQUEST", name);
    assert.match(res.body.message, /^Invalid XanoScript at line \d+, column \d+: /, name);
    assert.ok(Number.isInteger(res.body.payload.line) && res.body.payload.line >= 1, name);
    assert.ok(Number.isInteger(res.body.payload.column) && res.body.payload.column >= 1, name);
    const list = await meta("GET", path);
    const names = list.body.items.map((i: { name: string }) => i.name);
    assert.ok(!names.includes("a"), `${name}: nothing named "a" was created`);
  }
});

Deno.test("xanoscript: an endpoint's name, verb, inputs, auth and group come from its script", async () => {
  const { meta } = await metaSandbox();
  const group = await meta("POST", "/workspace/1/apigroup", {
    body: 'api_group shop {\n  canonical = "shop-v1"\n  description = "Shop"\n}\n',
    headers: SCRIPT,
  });
  assert.equal(group.status, 200);
  assert.equal(group.body.canonical, "shop-v1");
  const script = [
    'query "orders/{order_id}" verb=PATCH {',
    '  api_group = "shop"',
    '  auth = "users"',
    '  description = "Change an order"',
    "",
    "  input {",
    "    int order_id",
    "    text? note?",
    "    int[] tags?",
    "  }",
    "",
    "  stack {",
    "  }",
    "",
    "  response = null",
    "}",
  ].join("\n");
  const created = await meta("POST", `/workspace/1/apigroup/${group.body.id}/api`, {
    body: script,
    headers: SCRIPT,
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.name, "orders/{order_id}");
  assert.equal(created.body.verb, "PATCH");
  assert.equal(created.body.description, "Change an order");
  assert.deepEqual(created.body.auth, { name: "users" });
  assert.equal(created.body.apigroup_id, group.body.id);
  assert.deepEqual(
    created.body.input.map((
      i: { name: string; required: boolean; nullable: boolean; style: string },
    ) => [
      i.name,
      i.required,
      i.nullable,
      i.style,
    ]),
    [["order_id", true, false, "single"], ["note", false, true, "single"], [
      "tags",
      false,
      false,
      "list",
    ]],
  );
  const wrongGroup = await meta("POST", "/workspace/1/apigroup/1/api", {
    body: script,
    headers: SCRIPT,
  });
  assert.equal(wrongGroup.status, 400);
  assert.match(wrongGroup.body.message, /api_group = "shop"/);
  const again = await meta("POST", `/workspace/1/apigroup/${group.body.id}/api`, {
    body: script,
    headers: SCRIPT,
  });
  assert.equal(again.status, 400, "same name and verb in the same group");
  const wrongKind = await meta("POST", "/workspace/1/function", { body: script, headers: SCRIPT });
  assert.equal(wrongKind.status, 400);
  assert.match(wrongKind.body.message, /Expected a "function" script here, got "query"/);
  const empty = await meta("POST", "/workspace/1/function", { body: "  ", headers: SCRIPT });
  assert.equal(empty.status, 400);
});

Deno.test("xanoscript: a table script becomes a table with typed columns that records obey", async () => {
  const { meta } = await metaSandbox();
  const script = [
    "table tickets {",
    "  auth = false",
    "",
    "  schema {",
    "    int id",
    "    timestamp created_at?=now",
    "    text title",
    '    enum state?="open" {',
    '      values = ["open", "closed"]',
    "    }",
    "",
    "    int owner_id? {",
    '      table = "users"',
    "    }",
    "  }",
    "}",
  ].join("\n");
  const created = await meta("POST", "/workspace/1/table", { body: script, headers: SCRIPT });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const byName = Object.fromEntries(created.body.schema.map((f: { name: string }) => [f.name, f]));
  assert.equal(byName.state.type, "enum");
  assert.deepEqual(byName.state.values, ["open", "closed"]);
  assert.equal(byName.state.default, "open");
  assert.equal(byName.owner_id.type, "tableref");
  assert.equal(byName.owner_id.tableref_id, 1);
  assert.equal(byName.title.required, true);
  const row = await meta("POST", `/workspace/1/table/${created.body.id}/content`, {
    body: { title: "Broken" },
  });
  assert.equal(row.status, 200);
  assert.equal(row.body.state, "open");
  const bad = await meta("POST", `/workspace/1/table/${created.body.id}/content`, {
    body: { title: "x", state: "maybe" },
  });
  assert.equal(bad.status, 400);
  const replaced = await meta(
    "PUT",
    `/workspace/1/table/${created.body.id}?include_xanoscript=true`,
    {
      body: script.replace("    text title\n", "    text title\n    text? body\n"),
      headers: SCRIPT,
    },
  );
  assert.equal(replaced.status, 200);
  assert.ok(replaced.body.schema.some((f: { name: string }) => f.name === "body"));
  assert.match(replaced.body.xanoscript.value, /text\? body/);
  const tableId = created.body.id;
  const withoutTitle = script.replace("    text title\n", "");
  assert.equal(
    (await meta("PUT", `/workspace/1/table/${tableId}`, { body: withoutTitle, headers: SCRIPT }))
      .status,
    200,
  );
  assert.equal(
    (await meta("PUT", `/workspace/1/table/${tableId}`, { body: script, headers: SCRIPT })).status,
    200,
  );
  const reread = await meta("GET", `/workspace/1/table/${tableId}/content/${row.body.id}`);
  assert.equal(reread.body.title, null, "a dropped column's data does not come back");
  const dangling = await meta("POST", "/workspace/1/table", {
    body: script.replace("tickets", "other").replace('"users"', '"nowhere"'),
    headers: SCRIPT,
  });
  assert.equal(dangling.status, 400);
});

Deno.test("xanoscript: PUT with publish=false keeps a draft, include_draft shows it", async () => {
  const { meta } = await metaSandbox();
  const v1 = "function greet {\n  input {\n  }\n\n  stack {\n  }\n\n  response = 1\n}";
  const v2 = v1.replace("response = 1", "response = 2");
  const created = await meta("POST", "/workspace/1/function", { body: v1, headers: SCRIPT });
  const id = created.body.id;
  const draft = await meta("PUT", `/workspace/1/function/${id}?publish=false`, {
    body: v2,
    headers: SCRIPT,
  });
  assert.equal(draft.status, 200);
  const live = await meta("GET", `/workspace/1/function/${id}?include_xanoscript=true`);
  assert.equal(live.body.xanoscript.value, v1);
  const withDraft = await meta(
    "GET",
    `/workspace/1/function/${id}?include_xanoscript=true&include_draft=true`,
  );
  assert.equal(withDraft.body.xanoscript.value, v2);
  assert.equal(withDraft.body.has_draft, true);
  await meta("PUT", `/workspace/1/function/${id}`, { body: v2, headers: SCRIPT });
  const published = await meta("GET", `/workspace/1/function/${id}?include_xanoscript=true`);
  assert.equal(published.body.xanoscript.value, v2);
});
