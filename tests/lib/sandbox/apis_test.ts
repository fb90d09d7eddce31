import assert from "node:assert/strict";
import { metaSandbox } from "./_helpers.ts";

const SCRIPT = { "content-type": "text/x-xanoscript" };

Deno.test("api groups: list envelope, get, create, update, security and delete", async () => {
  const { meta } = await metaSandbox({ ids: () => "0f1e2d3c-aaaa" });
  const list = await meta("GET", "/workspace/1/apigroup?include_xanoscript=true");
  assert.deepEqual(Object.keys(list.body).sort(), ["curPage", "items", "nextPage", "prevPage"]);
  assert.equal(list.body.items[0].canonical, "auth");
  assert.match(
    list.body.items[0].xanoscript.value,
    /^api_group Authentication \{\n {2}canonical = "auth"/,
  );
  const created = await meta("POST", "/workspace/1/apigroup", {
    body: { name: "Shop", description: "d" },
  });
  assert.equal(created.status, 200);
  assert.equal(created.body.canonical, "0f1e2d3c");
  assert.equal(
    (await meta("POST", "/workspace/1/apigroup", { body: { name: "shop" } })).status,
    400,
  );
  assert.equal((await meta("POST", "/workspace/1/apigroup", { body: {} })).status, 400);
  const id = created.body.id;
  assert.equal((await meta("GET", `/workspace/1/apigroup/${id}`)).body.name, "Shop");
  const updated = await meta("PUT", `/workspace/1/apigroup/${id}`, {
    body: { description: "Store" },
  });
  assert.equal(updated.body.description, "Store");
  const secured = await meta("PUT", `/workspace/1/apigroup/${id}/security`, {
    body: { canonical: "shop" },
  });
  assert.equal(secured.body.canonical, "shop");
  const taken = await meta("PUT", `/workspace/1/apigroup/${id}/security`, {
    body: { canonical: "auth" },
  });
  assert.equal(taken.status, 400);
  const bad = await meta("PUT", `/workspace/1/apigroup/${id}/security`, {
    body: { canonical: "a b" },
  });
  assert.equal(bad.status, 400);
  await meta("POST", `/workspace/1/apigroup/${id}/api`, {
    body: { name: "products", verb: "GET" },
  });
  assert.equal((await meta("DELETE", `/workspace/1/apigroup/${id}`)).status, 200);
  assert.equal((await meta("GET", `/workspace/1/apigroup/${id}`)).status, 404);
  const all = await meta("GET", "/workspace/1/api");
  assert.ok(
    !all.body.items.some((e: { name: string }) => e.name === "products"),
    "its endpoints went too",
  );
});

Deno.test("endpoints: list the group's endpoints with their XanoScript", async () => {
  const { meta } = await metaSandbox();
  const list = await meta("GET", "/workspace/1/apigroup/1/api?include_xanoscript=true");
  assert.equal(list.status, 200);
  assert.deepEqual(
    list.body.items.map((e: { name: string; verb: string }) => `${e.verb} ${e.name}`),
    ["POST auth/login", "POST auth/signup", "GET auth/me"],
  );
  const me = list.body.items[2];
  assert.deepEqual(me.auth, { name: "users" });
  assert.match(me.xanoscript.value, /^query "auth\/me" verb=GET \{/);
  for (
    const key of [
      "id",
      "created_at",
      "updated_at",
      "name",
      "description",
      "docs",
      "guid",
      "cache",
      "auth",
      "verb",
      "input",
      "tag",
    ]
  ) {
    assert.ok(key in me, key);
  }
  const withoutScript = await meta("GET", "/workspace/1/apigroup/1/api");
  assert.equal(withoutScript.body.items[0].xanoscript, undefined);
  const paged = await meta("GET", "/workspace/1/apigroup/1/api?per_page=2&page=2");
  assert.equal(paged.body.items.length, 1);
  assert.equal((await meta("GET", "/workspace/1/apigroup/9/api")).status, 404);
});

Deno.test("endpoints: JSON creates an empty endpoint that prints as valid-looking XanoScript", async () => {
  const { meta } = await metaSandbox();
  const created = await meta("POST", "/workspace/1/apigroup/1/api?include_xanoscript=true", {
    body: { name: "ping", verb: "GET", description: "Health" },
  });
  assert.equal(created.status, 200);
  assert.equal(created.body.verb, "GET");
  assert.equal(
    created.body.xanoscript.value,
    'query ping verb=GET {\n  api_group = "Authentication"\n  description = "Health"\n\n  input {\n  }\n\n  stack {\n  }\n\n  response = null\n}',
  );
  assert.equal(
    (await meta("POST", "/workspace/1/apigroup/1/api", { body: { name: "ping", verb: "GET" } }))
      .status,
    400,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/apigroup/1/api", { body: { name: "ping", verb: "POST" } }))
      .status,
    200,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/apigroup/1/api", { body: { name: "x", verb: "FETCH" } }))
      .status,
    400,
  );
  const id = created.body.id;
  const updated = await meta("PUT", `/workspace/1/apigroup/1/api/${id}`, {
    body: { description: "Alive?", auth: "users" },
  });
  assert.equal(updated.body.description, "Alive?");
  assert.deepEqual(updated.body.auth, { name: "users" });
  const secured = await meta("PUT", `/workspace/1/apigroup/1/api/${id}/security`, {
    body: { guid: "g1" },
  });
  assert.equal(secured.body.guid, "g1");
  assert.equal((await meta("DELETE", `/workspace/1/apigroup/1/api/${id}`)).status, 200);
  assert.equal((await meta("GET", `/workspace/1/apigroup/1/api/${id}`)).status, 404);
});

Deno.test("endpoints: an endpoint is reachable only through its own group", async () => {
  const { meta } = await metaSandbox();
  await meta("POST", "/workspace/1/apigroup", { body: { name: "Other" } });
  assert.equal((await meta("GET", "/workspace/1/apigroup/1/api/1")).status, 200);
  assert.equal((await meta("GET", "/workspace/1/apigroup/2/api/1")).status, 404);
});

Deno.test("workspace endpoints: list all, get one, create from a script naming its group", async () => {
  const { meta } = await metaSandbox();
  const all = await meta("GET", "/workspace/1/api?include_xanoscript=true");
  assert.equal(all.body.items.length, 3);
  assert.equal((await meta("GET", "/workspace/1/api/2")).body.name, "auth/signup");
  assert.equal((await meta("GET", "/workspace/1/api/99")).status, 404);
  const script =
    'query "auth/logout" verb=POST {\n  api_group = "Authentication"\n\n  input {\n  }\n\n  stack {\n  }\n\n  response = null\n}';
  const created = await meta("POST", "/workspace/1/api", { body: script, headers: SCRIPT });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.apigroup_id, 1);
  const unknown = await meta("POST", "/workspace/1/api", {
    body: script.replace("Authentication", "Nope"),
    headers: SCRIPT,
  });
  assert.equal(unknown.status, 400);
  const json = await meta("POST", "/workspace/1/api", { body: { name: "x" } });
  assert.equal(json.status, 400);
});
