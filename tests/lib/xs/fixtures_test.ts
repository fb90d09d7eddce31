import assert from "node:assert/strict";
import { isValid, validateXanoScript } from "@/lib/xs/mod.ts";
import { readFixtures } from "./_fixtures.ts";

/** Line (and code) of the first error each invalid fixture must report. */
const EXPECTED: Record<string, { line: number; code: string }> = {
  "n01_stack_oneliner.xs": { line: 4, code: "XS_NEWLINE" },
  "n02_input_oneliner.xs": { line: 2, code: "XS_NEWLINE" },
  "n03_no_input.xs": { line: 1, code: "XS_MISSING_CLAUSE" },
  "n04_else_if.xs": { line: 12, code: "XS_ELSE_IF" },
  "n05_bare_if.xs": { line: 6, code: "XS_UNKNOWN_STATEMENT" },
  "n06_string_type.xs": { line: 3, code: "XS_UNKNOWN_TYPE" },
  "n07_default_kw.xs": { line: 3, code: "XS_NEWLINE" },
  "n08_float.xs": { line: 3, code: "XS_UNKNOWN_TYPE" },
  "n09_throw_commas.xs": { line: 6, code: "XS_SYNTAX" },
  "n11_query_order_paging.xs": { line: 7, code: "XS_INVALID_ARGUMENT" },
  "n12_db_get_where.xs": { line: 7, code: "XS_INVALID_ARGUMENT" },
  "n13_filter_no_paren.xs": { line: 7, code: "XS_FILTER_PRECEDENCE" },
  "n16_obj_equals.xs": { line: 6, code: "XS_SYNTAX" },
  "n18_multi_input_line.xs": { line: 2, code: "XS_NEWLINE" },
  "n19_hash_comment.xs": { line: 2, code: "XS_COMMENT" },
  "n20_foreach_old.xs": { line: 5, code: "XS_SYNTAX" },
  "n21_var_no_dollar.xs": { line: 5, code: "XS_SYNTAX" },
  "n22_api_body.xs": { line: 8, code: "XS_INVALID_ARGUMENT" },
  "n23_auth_ident.xs": { line: 2, code: "XS_SYNTAX" },
  "n24_verb_head.xs": { line: 1, code: "XS_INVALID_VERB" },
  "n27_old_table_dbml.xs": { line: 2, code: "XS_UNKNOWN_CLAUSE" },
  "n31_two_objects_one_file.xs": { line: 9, code: "XS_MULTIPLE_OBJECTS" },
};

for (const [name, text] of readFixtures("valid")) {
  Deno.test(`validator: accepts valid fixture ${name}`, () => {
    const diagnostics = validateXanoScript(text);
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
  });
}

for (const [name, text] of readFixtures("invalid")) {
  Deno.test(`validator: rejects invalid fixture ${name} at the right line`, () => {
    const diagnostics = validateXanoScript(text);
    assert.equal(isValid(diagnostics), false);
    const first = diagnostics.find((d) => d.severity === "error")!;
    const expected = EXPECTED[name];
    assert.ok(expected, `add ${name} to EXPECTED`);
    assert.equal(first.line, expected.line, first.message);
    assert.equal(first.code, expected.code, first.message);
    assert.ok(first.column >= 1);
  });
}
