import assert from "node:assert/strict";
import { fixXanoScript, isValid, validateXanoScript } from "@/lib/xs/mod.ts";

/**
 * AI-style XanoScript with the usual folk mistakes (several per file). The
 * three listed here need a guess to repair (paging semantics, a DBML table,
 * a HEAD endpoint), so auto-fix must leave them diagnosed.
 */
const NEEDS_A_HUMAN = new Set(["07_search.xs", "08_table.xs", "11_head_verb.xs"]);

const dir = new URL("./ai_broken/", import.meta.url);
const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".xs")).sort();

Deno.test("ai corpus: every file starts invalid", () => {
  assert.equal(files.length, 12);
  for (const name of files) {
    assert.equal(
      isValid(validateXanoScript(Deno.readTextFileSync(new URL(name, dir)))),
      false,
      name,
    );
  }
});

for (const name of files) {
  Deno.test(`ai corpus: auto-fix on ${name}`, () => {
    const source = Deno.readTextFileSync(new URL(name, dir));
    const result = fixXanoScript(source);
    if (NEEDS_A_HUMAN.has(name)) {
      assert.equal(isValid(result.diagnostics), false);
      return;
    }
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), [], result.source);
    assert.ok(result.fixes.length >= 1);
    const again = fixXanoScript(result.source);
    assert.equal(again.source, result.source);
    assert.deepEqual(again.fixes, []);
  });
}
