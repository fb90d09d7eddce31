import assert from "node:assert/strict";
import { fixXanoScript, isValid, parseXanoScript, validateXanoScript } from "@/lib/xs/mod.ts";
import { readFixtures } from "./_fixtures.ts";

/**
 * Folk mistakes injected into valid fixtures: [name, pattern, replacement].
 * Auto-fix must turn each mutant back into the same program (same tree).
 */
const MISTAKES: [string, RegExp, (m: RegExpExecArray) => string][] = [
  ["else if", /^( *)elseif\b/m, (m) => `${m[1]}else if`],
  ["} else {", /\}\n *else \{/m, () => "} else {"],
  ["string type", /^( *)text(\??) (\w)/m, (m) => `${m[1]}string${m[2]} ${m[3]}`],
  ["float type", /^( *)decimal(\??) (\w)/m, (m) => `${m[1]}float${m[2]} ${m[3]}`],
  ["default keyword", /^( *\w+\??\s+\w+)\?=(\S+)/m, (m) => `${m[1]}? default = ${m[2]}`],
  ["var without $", /^( *)var \$(\w+)/m, (m) => `${m[1]}var ${m[2]}`],
  ["as without $", /\} as \$(\w+)$/m, (m) => `} as ${m[1]}`],
  [
    "response block",
    /^( *)response = (.+)$/m,
    (m) => `${m[1]}response {\n${m[1]}  value = ${m[2]}\n${m[1]}}`,
  ],
  ["# comment", /^( *)\/\/ ?/m, (m) => `${m[1]}# `],
  ["input {}", /^( *)input \{\n *\}/m, (m) => `${m[1]}input {}`],
  ["auth unquoted", /^( *)auth = "(\w+)"/m, (m) => `${m[1]}auth = ${m[2]}`],
  ["lowercase verb", / verb=(GET|POST|PUT|PATCH|DELETE)/m, (m) => ` verb=${m[1].toLowerCase()}`],
  ["input without $", /\$input\./m, () => "input."],
  [
    "throw with commas",
    /^( *)name = (".*")\n *value = /m,
    (m) => `${m[1]}name = ${m[2]}, value = `,
  ],
  ["unparenthesised filter", /\((\$[\w.]+)\|count\) ([><=!]=?) /m, (m) => `${m[1]}|count ${m[2]} `],
  ["api body", /^( *)params = /m, (m) => `${m[1]}body = `],
];

Deno.test("fix: repairs folk mistakes injected into valid fixtures back to the same program", () => {
  let repaired = 0;
  for (const [name, text] of readFixtures("valid")) {
    const original = parseXanoScript(text).document;
    for (const [mistake, pattern, replace] of MISTAKES) {
      const m = pattern.exec(text);
      if (!m) continue;
      const mutant = text.slice(0, m.index) + replace(m) + text.slice(m.index + m[0].length);
      if (isValid(validateXanoScript(mutant))) continue;
      const result = fixXanoScript(mutant);
      const where = `${mistake} in ${name}:\n${result.source}`;
      assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), [], where);
      assert.deepEqual(parseXanoScript(result.source).document, original, where);
      repaired++;
    }
  }
  assert.ok(repaired >= 60, `only ${repaired} mutants were exercised`);
});
