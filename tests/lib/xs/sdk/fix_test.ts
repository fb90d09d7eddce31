import assert from "node:assert/strict";
import { compileSdkCode } from "../../../../lib/xs/sdk/mod.ts";

/** `[rule, SDK code, text the fixed XanoScript must contain]`. */
const RULES: [string, string, string][] = [
  [
    "variable-in-string",
    "create('a','GET').apiRequest('https://x.test', 'GET', {headers: {Authorization: 'Bearer $env.KEY'}}, 'r').response('$r')",
    '"Authorization: " ~ "Bearer " ~ $env.KEY',
  ],
  ["method-alias", "create('a','GET').auth('user').response(1)", 'auth = "user"'],
  [
    "method-alias",
    "create('a','GET').dbFind('user', {id: 1}, 'u').response('$u')",
    "db.get user {",
  ],
  ["method-alias", "create('a','GET').returns(1)", "response = 1"],
  ["method-alias", "createTable('t').addField('name', 'text')", "text name"],
  ["method-alias", "create('a','GET').DBGET('user', {id: 1}, 'u').response('$u')", "db.get user"],
  ["factory-alias", "createEndpoint('a', 'GET').response(1)", "query a verb=GET"],
  ["verb-uppercase", "create('a', 'post').response(1)", "verb=POST"],
  ["create-argument-order", "create('GET', 'users').response(1)", "query users verb=GET"],
  ["type-alias", "create('a','GET').input('n', 'string').response(1)", "text n"],
  ["type-alias", "create('a','GET').input('n', 'integer').response(1)", "int n"],
  ["type-alias", "create('a','GET').input('n', 'float').response(1)", "decimal n"],
  ["type-alias", "create('a','GET').input('n', 'boolean').response(1)", "bool n"],
  ["type-alias", "create('a','GET').input('n', 'datetime').response(1)", "timestamp n"],
  ["type-alias", "create('a','GET').input('n', 'number', {default: 2}).response(1)", "int n?=2"],
  ["type-alias", "create('a','GET').input('n', 'number').response(1)", "decimal n"],
  ["type-alias", "create('a','GET').input('n', 'string[]').response(1)", "text[] n"],
  ["input-required-flag", "create('a','GET').input('n', 'text', false).response(1)", "text n?"],
  ["input-object-form", "create('a','GET').input({name: 'n', type: 'int'}).response(1)", "int n"],
  [
    "input-object-form",
    "create('a','GET').input('n', {type: 'int', required: false}).response(1)",
    "int n?",
  ],
  ["input-argument-order", "create('a','GET').input('int', 'n').response(1)", "int n"],
  ["type-alias", "create('a','GET').input('email', 'string').response(1)", "text email"],
  [
    "input-option-name",
    "create('a','GET').input('n', 'int', {defaultValue: 3}).response(1)",
    "int n?=3",
  ],
  [
    "input-option-name",
    "create('a','GET').input('n', 'int', {optional: true}).response(1)",
    "int n?",
  ],
  [
    "input-option-name",
    "create('a','GET').input('r', 'enum', {enum: ['x']}).response(1)",
    'values = ["x"]',
  ],
  [
    "lookup-id-shorthand",
    "create('a','GET').dbGet('user', '$input.id', 'u').response('$u')",
    'field_name = "id"',
  ],
  [
    "lookup-field-value",
    "create('a','GET').dbGet('user', {field: 'email', value: '$input.e'}, 'u').response('$u')",
    'field_name = "email"',
  ],
  [
    "dbget-to-query",
    "create('a','GET').dbGet('m', {a: 1, b: 2}, 'm').response('$m')",
    "$db.m.a == 1 && $db.m.b == 2",
  ],
  [
    "dbquery-options",
    "create('a','GET').dbQuery('p', {filter: {x: 1}, limit: 5}, 'p').response('$p')",
    "per_page: 5",
  ],
  [
    "dbquery-options",
    "create('a','GET').dbQuery('p', {orderBy: 'name desc'}, 'p').response('$p')",
    'sort = {p.name: "desc"}',
  ],
  [
    "dbquery-options",
    "create('a','GET').dbQuery('p', {paging: {page: 2, per_page: 10}}, 'p').response('$p')",
    "paging: {page: 2, per_page: 10}",
  ],
  [
    "dbquery-options",
    "create('a','GET').dbQuery('p', {return: 'first'}, 'p').response('$p')",
    'type: "single"',
  ],
  [
    "dbquery-argument-order",
    "create('a','GET').dbQuery('p', 'rows', {}).response('$rows')",
    "as $rows",
  ],
  [
    "dbquery-where-shorthand",
    "create('a','GET').dbQuery('p', '$db.p.x > 1', 'p').response('$p')",
    "where = $db.p.x > 1",
  ],
  [
    "data-argument-order",
    "create('a','POST').dbAdd('p', 'row', {x: 1}).response('$row')",
    "data = {x: 1}",
  ],
  [
    "precondition-kind",
    "create('a','GET').precondition('$x', 'm', 'not_found').response(1)",
    '"notfound"',
  ],
  [
    "precondition-kind",
    "create('a','GET').precondition('$x', 'm', 'unauthorized').response(1)",
    '"accessdenied"',
  ],
  [
    "precondition-argument-order",
    "create('a','GET').precondition('Must be set', '$input.x != null').response(1)",
    "precondition ($input.x != null)",
  ],
  [
    "api-request-options",
    "create('a','GET').apiRequest('https://x.test', {method: 'POST', body: {a: 1}}, 'r').response('$r')",
    'method = "POST"',
  ],
  [
    "api-request-option-name",
    "create('a','GET').apiRequest('https://x.test', 'POST', {data: {a: 1}}, 'r').response('$r')",
    "params = {a: 1}",
  ],
  [
    "auth-token-expiration",
    "create('a','GET').createAuthToken('user', '$u.id', 'tok').response('$tok')",
    "expiration = 86400",
  ],
  [
    "auth-token-options",
    "create('a','GET').createAuthToken({table: 'user', id: '$u.id'}, 'tok').response('$tok')",
    'table = "user"',
  ],
  [
    "response-status-dropped",
    "create('a','GET').response({ok: true}, 201)",
    "response = {ok: true}",
  ],
  ["name-without-dollar", "create('a','GET').dbGet('user', {id: 1}, '$u').response('$u')", "as $u"],
  ["name-without-dollar", "create('a','GET').var('$n', 1).response('$n')", "var $n {"],
  ["quoted-string", "create('a','GET').var('g', '\"Hi\"').response('$g')", 'value = "Hi"'],
  [
    "missing-dollar",
    "create('a','GET').dbGet('user', {id: 'input.id'}, 'u').response('$u')",
    "field_value = $input.id",
  ],
  [
    "missing-dollar",
    "create('a','GET').dbGet('user', {id: 1}, 'u').response('u.name')",
    "response = $u.name",
  ],
  [
    "missing-dollar",
    "create('a','GET').var('n', 1).conditional('n > 0').then(b => b.debugLog(1)).endConditional().response(1)",
    "if ($n > 0)",
  ],
  ["bare-identifier", "create('a','GET').dbGet('user', {id: 1}, 'u').response(u)", "response = $u"],
  ["js-member-to-expression", "create('a','GET').response(input.id)", "response = $input.id"],
  [
    "inline-constant",
    "const T = 'user';\ncreate('a','GET').dbGet(T, {id: 1}, 'u').response('$u')",
    "db.get user",
  ],
  [
    "concat-to-tilde",
    "create('a','GET').response('$input.a' + ' ' + '$input.b')",
    'response = $input.a ~ " " ~ $input.b',
  ],
  [
    "drop-console",
    "const e = create('a','GET').response(1);\nconsole.log(e.build().script);",
    "query a",
  ],
  [
    "js-equality",
    "create('a','GET').precondition('$input.a === 1', 'm').response(1)",
    "($input.a == 1)",
  ],
  [
    "js-equality",
    "create('a','GET').precondition('$input.a !== 1', 'm').response(1)",
    "($input.a != 1)",
  ],
  ["input-variable", "create('a','GET').response('$inputs.id')", "response = $input.id"],
  ["input-variable", "create('a','GET').response('$params.id')", "response = $input.id"],
  ["filter-alias", "create('a','GET').response('$input.s|lowercase')", "$input.s|to_lower"],
  ["filter-alias", "create('a','GET').response('$input.s|toUpperCase')", "$input.s|to_upper"],
  ["filter-alias", "create('a','GET').response('$input.o|json_stringify')", "$input.o|json_encode"],
  [
    "filter-parentheses",
    "create('a','GET').precondition('$input.l|count > 0', 'm').response(1)",
    "(($input.l|count) > 0)",
  ],
  [
    "filter-parentheses",
    "create('a','GET').precondition('$input.a == $input.b|to_lower', 'm').response(1)",
    "($input.a == ($input.b|to_lower))",
  ],
  ["return-to-response", "createFunction('f').var('x', 1).return('$x')", "response = $x"],
  [
    "close-block",
    "createFunction('f').conditional('$a').then(b => b.debugLog(1)).var('x', 1).response('$x')",
    "    }\n\n    var $x {",
  ],
  [
    "close-block",
    "createFunction('f').forEach('$input.l', 'i').debugLog('$i').response(1)",
    "each as $i",
  ],
  ["close-block", "createFunction('f').while('$a').debugLog(1).response(1)", "while ($a)"],
];

Deno.test("sdk auto-fix: every rule repairs its mistake and reports it", async (t) => {
  for (const [rule, code, expected] of RULES) {
    await t.step(`${rule}: ${code.slice(0, 60)}`, () => {
      const r = compileSdkCode(code, { fix: true });
      assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
      const fix = r.fixes.find((f) => f.rule === rule);
      assert.ok(fix, `no ${rule} fix in ${JSON.stringify(r.fixes)}`);
      assert.equal(typeof fix.before, "string");
      assert.equal(typeof fix.after, "string");
      assert.ok(fix.line >= 1);
      assert.ok(r.xanoscript.includes(expected), `${expected}\nnot in\n${r.xanoscript}`);
    });
  }
});

Deno.test("sdk auto-fix: nothing is repaired unless fix is on", () => {
  for (const [, code] of RULES) assert.deepEqual(compileSdkCode(code).fixes, []);
});

Deno.test("sdk auto-fix: structural rules fail first without fix", () => {
  const structural = RULES.filter(([rule]) =>
    ![
      "js-equality",
      "input-variable",
      "filter-alias",
      "filter-parentheses",
      "quoted-string",
      "missing-dollar",
      "concat-to-tilde",
      "response-status-dropped",
      "factory-alias",
      "lookup-field-value",
      "dbquery-where-shorthand",
      "auth-token-expiration",
      "precondition-argument-order",
      "variable-in-string",
      "optional-filter-null-safe",
    ].includes(rule)
  );
  for (const [rule, code] of structural) {
    assert.equal(compileSdkCode(code).ok, false, `${rule}: ${code}`);
  }
});

Deno.test("sdk auto-fix: clean code gets no fixes and the same output", () => {
  const code = `create('users/{id}', 'GET').requiresAuth('user').input('id', 'int')
    .dbGet('user', { id: '$input.id' }, 'user').response('$user')`;
  const plain = compileSdkCode(code);
  const fixed = compileSdkCode(code, { fix: true });
  assert.deepEqual(fixed.fixes, []);
  assert.equal(fixed.xanoscript, plain.xanoscript);
});

Deno.test("sdk auto-fix: a guess is left as a diagnostic", () => {
  const r = compileSdkCode("create('a','GET').input('n', 'blob').dbGet('t', {}, 'x')", {
    fix: true,
  });
  assert.equal(r.ok, false);
  assert.deepEqual(r.diagnostics.filter((d) => d.code.startsWith("SDK_")).map((d) => d.code), [
    "SDK_MISSING_RESPONSE",
    "SDK_UNKNOWN_TYPE",
    "SDK_BAD_ARGUMENT",
  ]);
});
