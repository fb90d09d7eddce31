import assert from "node:assert/strict";
import { create, createFunction, createTable, createTask } from "../../../../lib/xs/sdk/mod.ts";
import { GOLDEN_CASES } from "./golden_cases.ts";

const goldenDir = new URL("./golden/", import.meta.url);

Deno.test("sdk builders: every method prints its golden XanoScript", async (t) => {
  for (const [name, make] of Object.entries(GOLDEN_CASES)) {
    await t.step(name, async () => {
      const expected = await Deno.readTextFile(new URL(`${name}.xs`, goldenDir));
      const result = make();
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(result.script + "\n", expected);
    });
  }
});

Deno.test("sdk builders: every golden file has a case (no orphans)", async () => {
  const files: string[] = [];
  for await (const e of Deno.readDir(goldenDir)) files.push(e.name.replace(/\.xs$/, ""));
  assert.deepEqual(files.sort(), Object.keys(GOLDEN_CASES).sort());
});

Deno.test("sdk builders: each call returns a new builder and leaves the old one unchanged", () => {
  const base = create("ping", "GET");
  const withInput = base.input("id", "int");
  assert.notStrictEqual(base, withInput);
  assert.ok(!base.response(1).build().script.includes("int id"));
  assert.ok(withInput.response(1).build().script.includes("int id"));
  const doc = withInput.document();
  assert.ok(Object.isFrozen(doc));
  assert.ok(Object.isFrozen(doc.input));
  assert.ok(Object.isFrozen(doc.input[0]));
});

Deno.test("sdk builders: branches of one builder do not share stacks", () => {
  const base = createFunction("f").var("a", 1);
  const left = base.var("b", 2).response("$b").build().script;
  const right = base.var("c", 3).response("$c").build().script;
  assert.ok(left.includes("$b") && !left.includes("$c"));
  assert.ok(right.includes("$c") && !right.includes("$b"));
});

Deno.test("sdk builders: a multi-field dbGet is a diagnostic that names the alternative", () => {
  const r = create("x", "GET").dbGet("m", { a: 1, b: 2 }, "m").response("$m").build();
  assert.deepEqual(r.diagnostics.map((d) => d.code), ["SDK_BAD_ARGUMENT"]);
  assert.ok(r.diagnostics[0].fix?.includes("dbQuery"));
});

Deno.test("sdk builders: bad names, types and kinds become diagnostics, not exceptions", () => {
  const r = create("x", "FETCH")
    .input("id", "string")
    .input("bad name", "int")
    .var("$x", 1)
    .dbGet("user", { id: 1 }, "$user")
    .precondition("$x", "m", "teapot")
    .response(1)
    .build();
  assert.deepEqual(r.diagnostics.map((d) => d.code), [
    "SDK_BAD_VERB",
    "SDK_UNKNOWN_TYPE",
    "SDK_BAD_NAME",
    "SDK_BAD_NAME",
    "SDK_BAD_NAME",
    "SDK_BAD_ARGUMENT",
  ]);
  assert.ok(r.diagnostics.every((d) => d.line === 1 && d.column === 1 && d.severity === "error"));
});

Deno.test("sdk builders: a missing response and an unclosed block are reported", () => {
  const r = createFunction("f").forEach("$input.items", "i").debugLog("$i").build();
  assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), [
    "SDK_MISSING_RESPONSE",
    "SDK_UNCLOSED_BLOCK",
  ]);
  assert.ok(r.script.includes("foreach ($input.items) {"), "the open block is still printed");
});

Deno.test("sdk builders: misplaced control-flow calls are nesting diagnostics", () => {
  const r = createFunction("f")
    .then((b) => b)
    .else()
    .endWhile()
    .conditional("$a").debugLog(1).endConditional()
    .response(1)
    .build();
  assert.deepEqual(r.diagnostics.map((d) => d.code), [
    "SDK_BAD_NESTING",
    "SDK_BAD_NESTING",
    "SDK_BAD_NESTING",
    "SDK_BAD_NESTING",
    "SDK_BAD_NESTING",
  ]);
});

Deno.test("sdk builders: a callback that does not return the builder is reported", () => {
  const r = createFunction("f")
    .forEach("$input.items", "i", () => undefined)
    .response(1)
    .build();
  assert.deepEqual(r.diagnostics.map((d) => d.code), ["SDK_BAD_CALLBACK"]);
});

Deno.test("sdk builders: tasks reject input and response, endpoints reject schedule", () => {
  const task = createTask("t").input("a", "int").response(1).build();
  assert.deepEqual(task.diagnostics.map((d) => d.code), ["SDK_NOT_ALLOWED", "SDK_NOT_ALLOWED"]);
  const endpoint = create("e", "GET").schedule([]).response(1).build();
  assert.deepEqual(endpoint.diagnostics.map((d) => d.code), ["SDK_NOT_ALLOWED"]);
  const bad = createTask("t").schedule([{ starts_on: "tomorrow" }]).build();
  assert.deepEqual(bad.diagnostics.map((d) => d.code), ["SDK_BAD_ARGUMENT"]);
});

Deno.test("sdk builders: options objects are checked key by key", () => {
  const r = createFunction("f")
    .dbQuery("post", { limit: 5 } as never, "p")
    .apiRequest("https://x.test", "GET", { data: 1 } as never, "r")
    .input("a", "int", { optional: true } as never)
    .response(1)
    .build();
  assert.deepEqual(r.diagnostics.map((d) => d.code), [
    "SDK_UNKNOWN_OPTION",
    "SDK_UNKNOWN_OPTION",
    "SDK_UNKNOWN_OPTION",
  ]);
});

Deno.test("sdk builders: tables get an id column and primary index, and reject bad indexes", () => {
  const t = createTable("tag").field("name", "text").index("hash", ["name"]).build();
  assert.ok(t.script.includes("int id\n"));
  assert.ok(t.script.includes('{type: "primary", field: [{name: "id"}]}'));
  assert.deepEqual(t.diagnostics.map((d) => d.code), ["SDK_BAD_ARGUMENT"]);
  assert.deepEqual(createTable("bad name").build().diagnostics.map((d) => d.code), [
    "SDK_BAD_NAME",
  ]);
});

Deno.test("sdk builders: strings are escaped and lambda code may not close its fence", () => {
  const r = createFunction("f").var("s", 'a "b" \\ c\nd').lambda('x = """', "l").response("$s")
    .build();
  assert.ok(r.script.includes('value = "a \\"b\\" \\\\ c\\nd"'));
  assert.deepEqual(r.diagnostics.map((d) => d.code), ["SDK_BAD_ARGUMENT"]);
});
