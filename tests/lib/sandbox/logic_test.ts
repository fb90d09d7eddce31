import assert from "node:assert/strict";
import { metaSandbox } from "./_helpers.ts";

for (const kind of ["function", "task"] as const) {
  Deno.test(`${kind}s: list, create from JSON, get, update, security and delete`, async () => {
    const { meta } = await metaSandbox();
    const base = `/workspace/1/${kind}`;
    const list = await meta("GET", `${base}?include_xanoscript=true`);
    assert.deepEqual(Object.keys(list.body).sort(), ["curPage", "items", "nextPage", "prevPage"]);
    assert.equal(list.body.items.length, 1);
    assert.match(list.body.items[0].xanoscript.value, new RegExp(`^${kind} `));
    const created = await meta("POST", `${base}?include_xanoscript=true`, {
      body: { name: "cleanup", description: "Tidy", ...(kind === "task" ? { active: true } : {}) },
    });
    assert.equal(created.status, 200);
    assert.match(created.body.xanoscript.value, new RegExp(`^${kind} cleanup \\{`));
    if (kind === "task") {
      assert.equal(created.body.active, true);
      assert.equal(created.body.datasource, "live");
    }
    assert.equal((await meta("POST", base, { body: { name: "cleanup" } })).status, 400);
    assert.equal((await meta("POST", base, { body: { name: "" } })).status, 400);
    const id = created.body.id;
    assert.equal((await meta("GET", `${base}/${id}`)).body.name, "cleanup");
    const renamed = await meta("PUT", `${base}/${id}?include_xanoscript=true`, {
      body: { name: "tidy" },
    });
    assert.equal(renamed.body.name, "tidy");
    assert.match(renamed.body.xanoscript.value, new RegExp(`^${kind} tidy \\{`));
    assert.equal(
      (await meta("PUT", `${base}/${id}/security`, { body: { guid: "g2" } })).body.guid,
      "g2",
    );
    assert.equal((await meta("PUT", `${base}/${id}/security`, { body: {} })).status, 400);
    assert.equal((await meta("DELETE", `${base}/${id}`)).status, 200);
    assert.equal((await meta("GET", `${base}/${id}`)).status, 404);
    assert.equal((await meta("GET", `${base}/abc`)).status, 404);
  });
}

Deno.test("tasks: a script sets active and datasource", async () => {
  const { meta } = await metaSandbox();
  const script = 'task sync {\n  active = true\n  datasource = "test"\n\n  stack {\n  }\n}';
  const res = await meta("POST", "/workspace/1/task", {
    body: script,
    headers: { "content-type": "text/x-xanoscript" },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.active, true);
  assert.equal(res.body.datasource, "test");
});
