/** AI-style broken XanoScript, one case per auto-fix rule (shared by fix and CLI tests). */

export function fn(stack: string, input = ""): string {
  return `function f {\n  input {\n${input}  }\n  stack {\n${stack}\n  }\n  response = 1\n}`;
}

export interface FixCase {
  readonly rule: string;
  readonly source: string;
  /** Text the fixed source must contain. */
  readonly after: string;
}

export const VAR = "    var $x {\n      value = 1\n    }";

export const CASES: FixCase[] = [
  { rule: "hash-comment", source: fn(`    # note\n${VAR}`), after: "    // note\n" },
  {
    rule: "trailing-comment",
    source: fn("    var $x {\n      value = 1 // one\n    }"),
    after: "    // one\n    var $x {\n      value = 1\n",
  },
  {
    rule: "response-block",
    source: fn(VAR).replace("response = 1", "response {\n    value = $x\n  }"),
    after: "  response = $x\n}",
  },
  {
    rule: "else-if-to-elseif",
    source: fn(
      `    conditional {\n      if (true) {\n${VAR}\n      }\n      else if (false) {\n${VAR}\n      }\n    }`,
    ),
    after: "      elseif (false) {",
  },
  {
    rule: "else-on-own-line",
    source: fn(
      `    conditional {\n      if (true) {\n${VAR}\n      } else {\n${VAR}\n      }\n    }`,
    ),
    after: "      }\n      else {",
  },
  {
    rule: "comment-before-else",
    source: fn(
      `    conditional {\n      if (true) {\n${VAR}\n      }\n      // otherwise\n      else {\n${VAR}\n      }\n    }`,
    ),
    after: "      // otherwise\n      if (true) {",
  },
  {
    rule: "expand-empty-block",
    source: fn(VAR).replace("input {\n  }", "input {}"),
    after: "  input {\n  }",
  },
  {
    rule: "attribute-commas",
    source: fn('    throw {\n      name = "E", value = "m"\n    }'),
    after: '      name = "E"\n      value = "m"',
  },
  {
    rule: "expand-one-line-block",
    source: fn(VAR).replace("input {\n  }", "input { int a text b? }"),
    after: "  input {\n    int a\n    text b?\n  }",
  },
  {
    rule: "type-alias",
    source: fn(VAR, "    string name\n    float price?\n"),
    after: "    text name\n    decimal price?\n",
  },
  {
    rule: "default-keyword",
    source: fn(VAR, "    bool flag? default = true\n"),
    after: "    bool flag?=true\n",
  },
  {
    rule: "var-needs-dollar",
    source: fn("    var total {\n      value = 1\n    }"),
    after: "    var $total {",
  },
  {
    rule: "as-needs-dollar",
    source: fn('    db.get user {\n      field_name = "id"\n      field_value = 1\n    } as user'),
    after: "    } as $user",
  },
  {
    rule: "precondition-if",
    source: fn('    precondition if (`1 == 1`) {\n      error = "x"\n    }'),
    after: "    precondition (1 == 1) {",
  },
  {
    rule: "quote-clause-value",
    source:
      `query a verb=GET {\n  auth = user\n  input {\n  }\n  stack {\n${VAR}\n  }\n  response = $x\n}`,
    after: '  auth = "user"',
  },
  {
    rule: "verb-uppercase",
    source: `query a verb=get {\n  input {\n  }\n  stack {\n${VAR}\n  }\n  response = $x\n}`,
    after: "query a verb=GET {",
  },
  {
    rule: "foreach-form",
    source: fn(`    foreach $items as $item {\n${VAR.replace(/^/gm, "  ")}\n    }`),
    after: "    foreach ($items) {\n      each as $item {\n        var $x {",
  },
  {
    rule: "if-needs-conditional",
    source: fn(`    if $input.n > 1 {\n${VAR}\n    }\n    else {\n${VAR}\n    }`, "    int n\n"),
    after: "    conditional {\n      if ($input.n > 1) {",
  },
  {
    rule: "object-key-colon",
    source: fn("    var $d {\n      value = {customer = 1, total = 2}\n    }"),
    after: "value = {customer: 1, total: 2}",
  },
  {
    rule: "input-variable",
    source: fn("    var $d {\n      value = input.n\n    }", "    int n\n"),
    after: "value = $input.n",
  },
  {
    rule: "filter-alias",
    source: fn('    var $d {\n      value = "A"|lowercase\n    }'),
    after: 'value = "A"|to_lower',
  },
  {
    rule: "input-filter-alias",
    source: fn(VAR, "    text q filters=trim|to_lower\n"),
    after: "filters=trim|lower",
  },
  {
    rule: "argument-alias",
    source: fn(
      '    api.request {\n      url = "https://x"\n      method = "POST"\n      body = {}\n    } as $r',
    ),
    after: "      params = {}",
  },
  {
    rule: "parenthesize-filter",
    source: fn(
      `    conditional {\n      if ($input.arr|count > 0) {\n${VAR}\n      }\n    }`,
      "    text[] arr\n",
    ),
    after: "if (($input.arr|count) > 0) {",
  },
  {
    rule: "add-missing-clause",
    source: `query a verb=GET {\n  stack {\n${VAR}\n  }\n  response = $x\n}`,
    after: "query a verb=GET {\n  input {\n  }\n  stack {",
  },
  {
    rule: "remove-as",
    source: fn('    db.del user {\n      field_name = "id"\n      field_value = 1\n    } as $gone'),
    after: "      field_value = 1\n    }\n",
  },
  {
    rule: "where-to-field",
    source: fn(
      "    db.get post {\n      where = $db.post.id == $input.id\n    } as $p",
      "    int id\n",
    ),
    after: '      field_name = "id"\n      field_value = $input.id\n',
  },
  {
    rule: "split-objects",
    source: `${fn(VAR)}\n${fn(VAR).replace("function f", "function g")}`,
    after: "}\n---\nfunction g {",
  },
];

CASES.push(
  {
    rule: "nullable-attribute",
    source: fn(
      VAR,
      "    text search { nullable = true }\n    int n {\n      nullable = true\n    }\n",
    ),
    after: "    text? search\n    int? n\n",
  },
  {
    rule: "leading-blank-lines",
    source: `\n\n// about\n\n${fn(VAR)}`,
    after: "// about\nfunction f {",
  },
);

CASES.push({
  rule: "response-block",
  source: fn(VAR).replace(
    "response = 1",
    "response {\n\n    value = {\n      ok: true\n      x: $x\n    }\n  }",
  ),
  after: "  response = {\n    ok: true\n    x: $x\n  }\n}",
});

CASES.push({
  rule: "hash-comment",
  source: `# header\n${fn(VAR, "    // an {a, b} example\n    json items\n")}`,
  after: "// header\nfunction f {\n  input {\n    // an {a, b} example\n    json items\n",
});
