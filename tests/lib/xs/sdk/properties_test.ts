import assert from "node:assert/strict";
import fc from "fast-check";
import { compileSdkCode, create } from "../../../../lib/xs/sdk/mod.ts";
import { formatNumber } from "../../../../lib/xs/sdk/print.ts";
import { validateXanoScript } from "../../../../lib/xs/mod.ts";
import { isValid } from "../../../../lib/xs/diagnostics.ts";

const literal = fc.string().filter((s) => !s.startsWith("$"));

Deno.test("sdk properties: the compiler never throws, whatever the input", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), fc.boolean(), (code, fix) => {
      const r = compileSdkCode(code, { fix });
      assert.equal(typeof r.ok, "boolean");
      for (const d of r.diagnostics) assert.ok(d.line >= 1 && d.column >= 1, JSON.stringify(d));
    }),
    { numRuns: 300 },
  );
});

Deno.test("sdk properties: any string literal prints as valid XanoScript", () => {
  fc.assert(
    fc.property(literal, (text) => {
      const { script, diagnostics } = create("probe", "GET").var("x", text).response("$x").build();
      assert.deepEqual(diagnostics, []);
      assert.ok(isValid(validateXanoScript(script)), script);
    }),
    { numRuns: 300 },
  );
});

Deno.test("sdk properties: any JSON value prints as a valid response", () => {
  const json = fc.jsonValue({ maxDepth: 3 }).map((v) =>
    JSON.parse(
      JSON.stringify(v, (_k, x) => typeof x === "string" && x.startsWith("$") ? `_${x}` : x),
    )
  );
  fc.assert(
    fc.property(json, (value) => {
      const { script } = create("probe", "GET").response(value).build();
      const diagnostics = validateXanoScript(script);
      assert.ok(isValid(diagnostics), `${script}\n${JSON.stringify(diagnostics)}`);
    }),
    { numRuns: 300 },
  );
});

Deno.test("sdk properties: chained and statement style agree for random input lists", () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
  const type = fc.constantFrom("int", "text", "bool", "decimal", "email", "timestamp");
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(name, type, fc.boolean()), { selector: (t) => t[0], maxLength: 6 }),
      (inputs) => {
        const calls = inputs.map(([n, t, req]) => `.input('${n}', '${t}', { required: ${req} })`);
        const chained = compileSdkCode(`create('p', 'POST')${calls.join("")}.response(1)`);
        const statements = compileSdkCode(
          ["const e = create('p', 'POST');", ...calls.map((c) => `e${c};`), "e.response(1);"].join(
            "\n",
          ),
        );
        assert.equal(chained.ok, true, JSON.stringify(chained.diagnostics));
        assert.equal(statements.xanoscript, chained.xanoscript);
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("formatNumber: plain decimals for any double", () => {
  assert.equal(formatNumber(5e-324).length, 326);
  assert.equal(formatNumber(-1.5e-7), "-0.00000015");
  assert.equal(formatNumber(1e21), "1000000000000000000000");
  assert.equal(formatNumber(1.25e22), "12500000000000000000000");
  assert.equal(formatNumber(-0), "0");
  assert.equal(formatNumber(Number.NaN), "null");
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
    const text = formatNumber(n);
    assert.match(text, /^-?\d+(\.\d+)?$/);
    assert.equal(Number(text), Object.is(n, -0) ? 0 : n);
  }));
});
