import assert from "node:assert/strict";
import { fixXanoScript, isValid, validateXanoScript } from "@/lib/xs/mod.ts";
import { readFixtures } from "./_fixtures.ts";

import { CASES, fn } from "./_fix_cases.ts";

for (const c of CASES) {
  Deno.test(`fix: ${c.rule} repairs the script`, () => {
    assert.equal(isValid(validateXanoScript(c.source)), false, "the case must start invalid");
    const result = fixXanoScript(c.source);
    assert.ok(result.source.includes(c.after), result.source);
    assert.ok(result.fixes.some((f) => f.rule === c.rule), JSON.stringify(result.fixes));
    for (const f of result.fixes) assert.ok(f.line >= 1 && f.after !== f.before);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), []);
    assert.deepEqual(validateXanoScript(result.source).filter((d) => d.severity === "error"), []);
  });
}

Deno.test("fix: leaves a valid script untouched", () => {
  for (const [, text] of readFixtures("valid")) {
    const result = fixXanoScript(text);
    assert.equal(result.source, text);
    assert.deepEqual(result.fixes, []);
  }
});

Deno.test("fix: repairs the invalid fixtures that have a safe repair and keeps the rest diagnosed", () => {
  const unfixable = new Set([
    "n11_query_order_paging.xs",
    "n24_verb_head.xs",
    "n27_old_table_dbml.xs",
  ]);
  for (const [name, text] of readFixtures("invalid")) {
    const result = fixXanoScript(text);
    assert.equal(isValid(result.diagnostics), !unfixable.has(name), name);
    if (unfixable.has(name)) assert.ok(result.diagnostics.some((d) => d.severity === "error"));
  }
});

Deno.test("fix: reports the line of each repair and keeps CRLF line endings", () => {
  const source = fn("    var total {\n      value = 1\n    }").replace(/\n/g, "\r\n");
  const result = fixXanoScript(source);
  assert.deepEqual(result.fixes, [
    { rule: "var-needs-dollar", before: "var total {", after: "var $total {", line: 5 },
  ]);
  assert.ok(result.source.includes("\r\n    var $total {\r\n"));
});
