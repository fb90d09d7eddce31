import assert from "node:assert/strict";
import fc from "fast-check";
import { parseXanoScript, printXanoScript, validateXanoScript } from "@/lib/xs/mod.ts";
import { readFixtures } from "./_fixtures.ts";

function roundTrip(source: string): string {
  const first = parseXanoScript(source);
  assert.deepEqual(first.diagnostics.filter((d) => d.severity === "error"), []);
  const printed = printXanoScript(first.document);
  const second = parseXanoScript(printed);
  assert.deepEqual(second.diagnostics.filter((d) => d.severity === "error"), [], printed);
  assert.deepEqual(second.document, first.document);
  assert.equal(printXanoScript(second.document), printed);
  return printed;
}

Deno.test("printer: prints a messy endpoint in canonical layout", () => {
  const source = `// header
query "posts/{id}" verb=GET {
  api_group = "posts"
  input {
    int id filters=min:1
    text? q?="a b" filters=trim|lower
  }
  stack {
    db.get post { field_name = "id", field_value = $input.id } as $post
    var $n { value = ($post.tags|count)   >   0 }
    conditional {
      if ($n) {
        var.update $n { value = {a: 1,
          b: [1,2]} }
      }
      else {
        throw {
          name = "E"
          value = "m"
        }
      }
    }
  }
  response = $post
}`;
  assert.equal(
    roundTrip(source),
    `// header
query "posts/{id}" verb=GET {
  api_group = "posts"

  input {
    int id filters=min:1
    text? q?="a b" filters=trim|lower
  }

  stack {
    db.get post {
      field_name = "id"
      field_value = $input.id
    } as $post
    var $n {
      value = ($post.tags|count) > 0
    }
    conditional {
      if ($n) {
        var.update $n {
          value = {a: 1, b: [1, 2]}
        }
      }
      else {
        throw {
          name = "E"
          value = "m"
        }
      }
    }
  }

  response = $post
}
`,
  );
});

Deno.test("printer: breaks long objects over lines and keeps multi-line strings verbatim", () => {
  const source = `function f {
  input {
  }
  stack {
    api.lambda {
      code = """
  return 1;
"""
      timeout = 10
    } as $r
    var $o {
      value = {first_name: $input.first_name, last_name: $input.last_name, email: $input.email}
    }
  }
  response = $o
}`;
  const printed = roundTrip(source);
  assert.match(printed, /code = """\n {2}return 1;\n"""/);
  assert.match(
    printed,
    /value = \{\n {8}first_name: \$input\.first_name\n {8}last_name: \$input\.last_name\n/,
  );
});

Deno.test("printer: joins a multidoc with --- lines", () => {
  const printed = roundTrip(
    `api_group a {\n  canonical = "a"\n}\n---\napi_group b {\n  canonical = "b"\n}`,
  );
  assert.equal(
    printed,
    `api_group a {\n  canonical = "a"\n}\n\n---\napi_group b {\n  canonical = "b"\n}\n`,
  );
});

Deno.test("printer: round-trips every valid fixture", () => {
  for (const [, text] of readFixtures("valid")) roundTrip(text);
});

const variable = fc.constantFrom(
  "$x",
  "$input.name",
  "$db.post.id",
  "$auth.id",
  "$items.0",
  "$var.y",
);
const literal = fc.oneof(
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.constantFrom("true", "false", "null", "now", "1.5", '"a"', "'b'", '"x \\" y"'),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
);
const filterName = fc.constantFrom("count", "to_text", "trim", "first", "json_encode", "to_upper");
const argFilter = fc.constantFrom("get", "set", "concat", "add", "push");
const op = fc.constantFrom("+", "-", "*", "==", "!=", ">", "<=", "&&", "||", "~", "??");

const { expr } = fc.letrec<{ expr: string; operand: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    literal,
    variable,
    fc.array(tie("expr"), { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
    fc.array(fc.tuple(fc.constantFrom("a", "b_c", '"d e"'), tie("expr")), { maxLength: 3 })
      .map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(", ")}}`),
    tie("expr").map((e) => `(${e})`),
  ),
  operand: fc.tuple(
    tie("atom"),
    fc.array(
      fc.oneof(
        filterName.map((f) => `|${f}`),
        fc.tuple(argFilter, literal).map(([f, a]) => `|${f}:${a}`),
      ),
      { maxLength: 2 },
    ),
  ).map(([a, fs]) => a + fs.join("")),
  expr: fc.oneof(
    { depthSize: "small" },
    tie("operand"),
    fc.tuple(tie("atom"), op, tie("expr")).map(([l, o, r]) => `${l} ${o} ${r}`),
  ),
}));

Deno.test("printer: print is idempotent and re-parses to the same tree (generated scripts)", () => {
  let checked = 0;
  fc.assert(
    fc.property(fc.array(expr, { minLength: 1, maxLength: 4 }), (values) => {
      const stack = values.map((v, k) => `    var $v${k} {\n      value = ${v}\n    }`).join("\n");
      const source =
        `function gen {\n  input {\n  }\n  stack {\n${stack}\n  }\n  response = null\n}`;
      if (validateXanoScript(source).some((d) => d.severity === "error")) return;
      roundTrip(source);
      checked++;
    }),
    { numRuns: 300 },
  );
  assert.ok(checked >= 150, `only ${checked} of 300 generated scripts were valid`);
});
