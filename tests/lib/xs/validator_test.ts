import assert from "node:assert/strict";
import { isValid, splitMultidoc, validateXanoScript } from "@/lib/xs/mod.ts";

function fn(stack: string, input = ""): string {
  return `function f {\n  input {\n${input}  }\n  stack {\n${stack}\n  }\n  response = 1\n}`;
}

function firstError(source: string) {
  return validateXanoScript(source).find((d) => d.severity === "error");
}

/** [name, source, expected "line:col code" of the first error, or "ok"]. */
const CASES: [string, string, string][] = [
  ["one-line var block is fine", fn("    var $x { value = 1 }"), "ok"],
  [
    "schema-style arguments may be comma separated",
    fn('    var $x { value = 1, description = "d" }'),
    "ok",
  ],
  [
    "two arguments on one line need a comma",
    fn('    var $x {\n      value = 1 description = "d"\n    }'),
    "6:17 XS_SYNTAX",
  ],
  [
    "a comment inside an argument block",
    fn("    var $x {\n      // c\n      value = 1\n    }"),
    "6:7 XS_COMMENT",
  ],
  [
    "a trailing comment after code",
    fn("    var $x {\n      value = 1\n    } // c"),
    "7:7 XS_COMMENT",
  ],
  ["$a - 1 is subtraction", fn("    var $x {\n      value = $a - 1\n    }"), "ok"],
  ["$a-1 lexes as $a and -1", fn("    var $x {\n      value = $a-1\n    }"), "6:17 XS_SYNTAX"],
  ["db.query without a body", fn("    db.query user as $u"), "ok"],
  [
    "filtered operand before an operator",
    fn("    var $x {\n      value = $a|count + 1\n    }"),
    "6:15 XS_FILTER_PRECEDENCE",
  ],
  ["filtered right operand is fine", fn("    var $x {\n      value = 1 + $a|count\n    }"), "ok"],
  ["$input alone", fn("    var $x {\n      value = $input\n    }"), "6:21 XS_SYNTAX"],
  ["ternary", fn("    var $x {\n      value = $a ? 1 : 2\n    }"), "ok"],
  ["filter on the next line", fn("    var $x {\n      value = $x\n        |count\n    }"), "ok"],
  ["standalone filter in parentheses", fn("    var $x {\n      value = (|uuid)\n    }"), "ok"],
  ["typed constant", fn('    var $x {\n      value = !int "5"\n    }'), "ok"],
  [
    "null-safe operator outside a query",
    fn("    var $x {\n      value = $a ==? 1\n    }"),
    "6:20 XS_SYNTAX",
  ],
  [
    "null-safe operator in a where clause",
    fn("    db.query user {\n      where = $db.user.id ==? 1\n    } as $u"),
    "ok",
  ],
  [
    "expression filter in a where clause",
    fn("    db.query user {\n      where = $db.user.id == $input.x|count\n    } as $u"),
    "6:39 XS_UNKNOWN_FILTER",
  ],
  [
    "} else { on one line",
    fn(
      "    conditional {\n      if (true) {\n        debug.log {\n          value = 1\n        }\n      } else {\n        debug.log {\n          value = 2\n        }\n      }\n    }",
    ),
    "10:9 XS_NEWLINE",
  ],
  [
    "comment inside conditional before if",
    fn(
      "    conditional {\n      // why\n      if (true) {\n        debug.log {\n          value = 1\n        }\n      }\n    }",
    ),
    "ok",
  ],
  [
    "data must be an object literal",
    fn("    db.add user {\n      data = $x\n    } as $u"),
    "6:14 XS_INVALID_VALUE",
  ],
  [
    "data needs one entry",
    fn("    db.add user {\n      data = {}\n    } as $u"),
    "6:15 XS_MISSING_KEY",
  ],
  [
    "return type must be known",
    fn('    db.query user {\n      return = {type: "lists"}\n    } as $u'),
    "6:23 XS_INVALID_VALUE",
  ],
  [
    "sort direction must be asc, desc or rand",
    fn('    db.query user {\n      sort = {created_at: "up"}\n    } as $u'),
    "6:27 XS_INVALID_VALUE",
  ],
  [
    "paging keys are checked",
    fn(
      '    db.query user {\n      return = {type: "list", paging: {page: 1, size: 2}}\n    } as $u',
    ),
    "6:49 XS_INVALID_KEY",
  ],
  [
    "output is a list of strings",
    fn(
      '    db.get user {\n      field_name = "id"\n      field_value = 1\n      output = ["id", $x]\n    } as $u',
    ),
    "8:23 XS_INVALID_VALUE",
  ],
  [
    "timeout is a number",
    fn('    api.request {\n      url = "x"\n      method = "GET"\n      timeout = $t\n    } as $r'),
    "8:17 XS_INVALID_VALUE",
  ],
  [
    "description is a string",
    fn("    var $x {\n      value = 1\n      description = 1\n    }"),
    "7:21 XS_INVALID_VALUE",
  ],
  [
    "db.del has no result",
    fn('    db.del user {\n      field_name = "id"\n      field_value = 1\n    } as $x'),
    "8:7 XS_UNEXPECTED_AS",
  ],
  [
    "try_catch needs a catch",
    fn(
      "    try_catch {\n      try {\n        debug.log {\n          value = 1\n        }\n      }\n    }",
    ),
    "11:5 XS_MISSING_CATCH",
  ],
  [
    "$error outside catch",
    fn("    var $x {\n      value = $error.message\n    }"),
    "6:15 XS_INVALID_VALUE",
  ],
  [
    "duplicate object keys",
    fn("    var $x {\n      value = {a: 1, a: 2}\n    }"),
    "6:22 XS_DUPLICATE",
  ],
  [
    "a literal keyword cannot name a function",
    "function now {\n  input {\n  }\n  stack {\n  }\n  response = 1\n}",
    "1:10 XS_SYNTAX",
  ],
  [
    "a blank line before the object",
    "\nfunction a {\n  input {\n  }\n  stack {\n  }\n  response = 1\n}",
    "1:1 XS_LEADING_BLANK",
  ],
  [
    "a table schema needs an id",
    "table t {\n  schema {\n    text name\n  }\n}",
    "2:3 XS_MISSING_ID",
  ],
  [
    "enum needs values on their own lines",
    fn("    var $x {\n      value = 1\n    }", '    enum c { values = ["a"] }\n'),
    "3:14 XS_NEWLINE",
  ],
  [
    "input filters are checked by type",
    fn("    var $x {\n      value = 1\n    }", "    int n filters=trim\n"),
    "3:19 XS_UNKNOWN_FILTER",
  ],
  [
    "a comment must be followed by a field",
    fn("    var $x {\n      value = 1\n    }", "    int n\n    // c\n"),
    "5:3 XS_COMMENT",
  ],
];

for (const [name, source, expected] of CASES) {
  Deno.test(`validator: ${name}`, () => {
    const error = firstError(source);
    if (expected === "ok") {
      assert.equal(error, undefined, error && `${error.line}:${error.column} ${error.message}`);
      return;
    }
    assert.ok(error, "expected an error");
    assert.equal(`${error.line}:${error.column} ${error.code}`, expected, error.message);
  });
}

Deno.test("validator: multidoc positions count from the start of the whole source", () => {
  const good = fn("    var $x {\n      value = 1\n    }");
  const source = `${good}\n---\n${good.replace("var $x", "var x")}`;
  const slices = splitMultidoc(source);
  assert.deepEqual(slices.map((s) => s.lineOffset), [0, 11]);
  const diagnostics = validateXanoScript(source);
  assert.equal(isValid(diagnostics), false);
  assert.equal(diagnostics[0].line, 11 + 5);
  assert.equal(diagnostics[0].column, 9);
});

Deno.test("validator: every diagnostic carries code, message, severity and a 1-based position", () => {
  const diagnostics = validateXanoScript(
    fn('    api.request {\n      url = "x"\n      method = "GET"\n      body = {}\n    } as $r'),
  );
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.code, "XS_INVALID_ARGUMENT");
  assert.equal(d.severity, "error");
  assert.equal(d.message, "The argument 'body' is not valid in this context");
  assert.deepEqual([d.line, d.column, d.endLine, d.endColumn], [8, 7, 8, 11]);
  assert.match(d.fix ?? "", /params/);
});

Deno.test("validator: empty input and garbage never throw", () => {
  for (
    const source of [
      "",
      "\n\n",
      "}",
      "{{{{",
      '"unterminated',
      "query",
      "query x verb=",
      "\u0000\u{1F600}",
      "function a {\n",
    ]
  ) {
    const diagnostics = validateXanoScript(source);
    assert.equal(isValid(diagnostics), false, JSON.stringify(source));
  }
});
