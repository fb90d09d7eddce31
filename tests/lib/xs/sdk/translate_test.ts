import assert from "node:assert/strict";
import { compileSdkCode, translate } from "../../../../lib/xs/sdk/mod.ts";

/** The first diagnostic of `code` compiled without fixes, as `code@line:column`. */
function firstProblem(code: string): string {
  const d = compileSdkCode(code).diagnostics.find((d) => d.code !== "SDK_MISSING_RESPONSE");
  return d ? `${d.code}@${d.line}:${d.column}` : "none";
}

Deno.test("translate: chained and statement style give the same XanoScript", () => {
  const chained = compileSdkCode(`
    const e = create('signup', 'POST')
      .input('email', 'email')
      .dbAdd('user', { email: '$input.email' }, 'user')
      .response({ id: '$user.id' });
    return e.build().script;`);
  const statements = compileSdkCode(`
    const e = create('signup', 'POST');
    e.input('email', 'email');
    e.dbAdd('user', { email: '$input.email' }, 'user');
    e.response({ id: '$user.id' });`);
  assert.equal(chained.ok, true);
  assert.equal(statements.ok, true);
  assert.equal(chained.xanoscript, statements.xanoscript);
});

Deno.test("translate: several builders become a multidoc in creation order", () => {
  const r = compileSdkCode(`
    createTable('note').field('text', 'text');
    const a = create('notes', 'GET').dbQuery('note', {}, 'notes').response('$notes');
    const g = createApiGroup('notes');`);
  assert.equal(r.ok, true);
  assert.deepEqual(r.objects, [
    { kind: "table", name: "note" },
    { kind: "query", name: "notes", verb: "GET" },
    { kind: "api_group", name: "notes" },
  ]);
  assert.equal(r.xanoscript.split("\n---\n").length, 3);
});

Deno.test("translate: callbacks work with expression and block bodies", () => {
  const r = compileSdkCode(`
    createFunction('f')
      .var('n', 0)
      .forEach('$input.items', 'i', (b) => { b.varUpdate('n', '$n + 1'); return b; })
      .conditional('$n > 1').then(function (b) { b.debugLog('many'); }).endConditional()
      .response('$n');`);
  assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
  assert.match(r.xanoscript, /each as \$i \{\n\s+var.update \$n/);
  assert.match(r.xanoscript, /if \(\$n > 1\) \{\n\s+debug.log/);
});

Deno.test("translate: allowed extras (imports of SDK names, export default, reassignment)", () => {
  const r = compileSdkCode(`
    import { create, expr } from 'xano-sdk';
    let e = create('sum', 'GET');
    e = e.var('s', expr('1 + 2'));
    export default e.response('$s');`);
  assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
  assert.match(r.xanoscript, /value = 1 \+ 2/);
});

Deno.test("translate: host access is rejected with its position", () => {
  const cases: [string, string][] = [
    ["globalThis.x = 1", "SDK_FORBIDDEN_GLOBAL@1:1"],
    ["create('a', 'GET').response(process.env.SECRET)", "SDK_FORBIDDEN_GLOBAL@1:29"],
    ["const r = fetch('https://evil.test')", "SDK_FORBIDDEN_GLOBAL@1:11"],
    ["eval('1 + 1')", "SDK_FORBIDDEN_GLOBAL@1:1"],
    ["new Function('return 1')()", "SDK_NOT_WHITELISTED@1:1"],
    ["import('fs')", "SDK_FORBIDDEN@1:1"],
    ["create('a', 'GET').response(import('x'))", "SDK_FORBIDDEN@1:29"],
    ["create('a','GET').constructor.constructor('return this')()", "SDK_FORBIDDEN_MEMBER@1:31"],
    ["create('a','GET').__proto__.x()", "SDK_FORBIDDEN_MEMBER@1:19"],
    ["create('a','GET').response({ __proto__: { x: 1 } })", "SDK_FORBIDDEN_MEMBER@1:28"],
    ["create('a','GET')['response'](1)", "SDK_NOT_WHITELISTED@1:1"],
    ["require('child_process')", "SDK_FORBIDDEN_GLOBAL@1:1"],
    ["Deno.exit(1)", "SDK_FORBIDDEN_GLOBAL@1:1"],
    ["new Worker('x.js')", "SDK_NOT_WHITELISTED@1:1"],
    ["setTimeout(() => 1, 0)", "SDK_FORBIDDEN_GLOBAL@1:1"],
  ];
  for (const [code, expected] of cases) assert.equal(firstProblem(code), expected, code);
});

Deno.test("translate: JavaScript control flow and computation are rejected with a hint", () => {
  const cases: [string, string, RegExp][] = [
    ["const e = create('a','GET');\nwhile (true) {}", "SDK_NOT_WHITELISTED@2:1", /\.while\(/],
    ["for (const x of [1]) {}", "SDK_NOT_WHITELISTED@1:1", /\.forEach\(/],
    ["if (x) {}", "SDK_NOT_WHITELISTED@1:1", /\.conditional\(/],
    ["function helper() {}", "SDK_NOT_WHITELISTED@1:1", /inline/],
    ["try { } catch (e) { }", "SDK_NOT_WHITELISTED@1:1", /precondition/],
    ["create('a','GET').response(1 + 2)", "SDK_NOT_WHITELISTED@1:28", /expression string/],
    ["create('a','GET').response(`x${1}`)", "SDK_TEMPLATE_EXPRESSION@1:28", /~/],
    ["const n = 5;", "SDK_NOT_WHITELISTED@1:7", /inline/],
    ["let x; x = 2;", "SDK_NOT_WHITELISTED@1:5", /builder/],
    ["create('a','GET').response(Math.max(1, 2))", "SDK_NOT_WHITELISTED@1:28", /helper/],
    ["create('a','GET').response([...[1]])", "SDK_NOT_WHITELISTED@1:28", /spread/i],
    ["create('a','GET').response(/x/)", "SDK_NOT_WHITELISTED@1:28", /value/],
    ["create('a','GET').foo(1).response(1)", "SDK_UNKNOWN_METHOD@1:19", /one of/],
    ["create('a','GET').then(b => other.x()).response(1)", "SDK_UNKNOWN_IDENTIFIER@1:29", /create/],
    ["create('a','GET').response(", "SDK_SYNTAX@1:28", /./],
  ];
  for (const [code, expected, hint] of cases) {
    const r = compileSdkCode(code);
    assert.equal(r.ok, false, code);
    assert.equal(firstProblem(code), expected, code);
    const d = r.diagnostics.find((d) => d.code !== "SDK_MISSING_RESPONSE")!;
    assert.match(`${d.message} ${d.fix ?? ""}`, hint, code);
  }
});

Deno.test("translate: diagnostics carry end positions for editors", () => {
  const [d] = translate("const x = globalThis;").diagnostics;
  assert.deepEqual([d.line, d.column, d.endLine, d.endColumn], [1, 11, 1, 21]);
});

Deno.test("translate: an empty program says what to write", () => {
  const r = compileSdkCode("// nothing here\n");
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0].code, "SDK_EMPTY");
});

Deno.test("translate: never evaluates the code it reads", () => {
  const before = (globalThis as Record<string, unknown>).pwned;
  compileSdkCode("globalThis.pwned = true; create('a','GET').response(globalThis.pwned = 1)", {
    fix: true,
  });
  assert.equal((globalThis as Record<string, unknown>).pwned, before);
});
