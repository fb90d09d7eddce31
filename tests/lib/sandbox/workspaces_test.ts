import assert from "node:assert/strict";
import { metaSandbox } from "./_helpers.ts";

Deno.test("workspaces: list is a bare array of {id, name, description, branch}", async () => {
  const { meta } = await metaSandbox();
  const res = await meta("GET", "/workspace");
  assert.equal(res.status, 200);
  assert.ok(Array.isArray(res.body));
  assert.equal(res.body.length, 1);
  assert.equal(res.body[0].id, 1);
  assert.equal(res.body[0].name, "Demo workspace");
  assert.equal(res.body[0].branch, "v1");
  assert.equal((await meta("GET", "/workspace/1")).body.name, "Demo workspace");
  assert.equal((await meta("GET", "/workspace/9")).status, 404);
});

Deno.test("workspaces: create, update and delete (with everything in it)", async () => {
  const { meta } = await metaSandbox();
  const created = await meta("POST", "/workspace", {
    body: { name: "Second", description: "two" },
  });
  assert.equal(created.status, 200);
  assert.equal(created.body.id, 2);
  assert.equal((await meta("POST", "/workspace", { body: { name: "second" } })).status, 400);
  assert.equal((await meta("POST", "/workspace", { body: { name: "" } })).status, 400);
  const table = await meta("POST", "/workspace/2/table", { body: { name: "things" } });
  assert.equal(table.status, 200);
  await meta("POST", `/workspace/2/table/${table.body.id}/content`, { body: {} });
  const renamed = await meta("PUT", "/workspace/2", { body: { name: "Renamed" } });
  assert.equal(renamed.body.name, "Renamed");
  assert.equal(renamed.body.description, "two");
  assert.equal((await meta("DELETE", "/workspace/2")).status, 200);
  assert.equal((await meta("GET", "/workspace/2")).status, 404);
  assert.equal((await meta("GET", "/workspace")).body.length, 1);
});

Deno.test("workspaces: branches are a bare array with the live branch; unknown branch is 404", async () => {
  const { meta } = await metaSandbox();
  const res = await meta("GET", "/workspace/1/branch");
  assert.deepEqual(res.body.map((b: { label: string; live: boolean }) => [b.label, b.live]), [[
    "v1",
    true,
  ]]);
  assert.equal((await meta("GET", "/workspace/1/table?branch=v1")).status, 200);
  assert.equal((await meta("GET", "/workspace/1/table?branch=dev")).status, 404);
});

Deno.test("workspaces: data sources can be listed, added, recoloured and removed", async () => {
  const { meta } = await metaSandbox();
  const labels = (body: { label: string }[]) => body.map((d) => d.label);
  assert.deepEqual(labels((await meta("GET", "/workspace/1/datasource")).body), ["live", "test"]);
  const added = await meta("POST", "/workspace/1/datasource", {
    body: { label: "staging", color: "#123456" },
  });
  assert.deepEqual(labels(added.body), ["live", "staging", "test"]);
  assert.equal(
    (await meta("POST", "/workspace/1/datasource", { body: { label: "staging" } })).status,
    400,
  );
  assert.equal(
    (await meta("POST", "/workspace/1/datasource", { body: { label: "Bad Label" } })).status,
    400,
  );
  const recoloured = await meta("PUT", "/workspace/1/datasource/staging", {
    body: { color: "#000000" },
  });
  assert.equal(
    recoloured.body.find((d: { label: string }) => d.label === "staging").color,
    "#000000",
  );
  assert.equal((await meta("DELETE", "/workspace/1/datasource/live")).status, 400);
  assert.deepEqual(labels((await meta("DELETE", "/workspace/1/datasource/staging")).body), [
    "live",
    "test",
  ]);
  assert.equal((await meta("DELETE", "/workspace/1/datasource/staging")).status, 404);
});
