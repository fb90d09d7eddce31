import assert from "node:assert/strict";
import type { Diagnostic } from "../../../../lib/xs/diagnostics.ts";
import { compileSdkCode, validateGenerated } from "../../../../lib/xs/sdk/mod.ts";

Deno.test("compileSdkCode: timings come from the injected clock", () => {
  const ticks = [10, 11, 13, 16];
  const r = compileSdkCode("create('a','GET').response(1)", { now: () => ticks.shift()! });
  assert.deepEqual(r.timings, { parseMs: 1, translateMs: 2, validateMs: 3, totalMs: 6 });
});

Deno.test("compileSdkCode: reports the objects it compiled", () => {
  const r = compileSdkCode(`
    createTable('t');
    create('a', 'POST').response(1);
    createFunction('f').response(1);
    createTask('job').debugLog(1);
    createApiGroup('g');`);
  assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
  assert.deepEqual(r.objects, [
    { kind: "table", name: "t" },
    { kind: "query", name: "a", verb: "POST" },
    { kind: "function", name: "f" },
    { kind: "task", name: "job" },
    { kind: "api_group", name: "g" },
  ]);
});

Deno.test("compileSdkCode: validator diagnostics make the result fail and say where", () => {
  const seen: string[] = [];
  const validate = (source: string): Diagnostic[] => {
    seen.push(source);
    return [{ code: "XS_TEST", message: "bad", severity: "error", line: 12, column: 3 }];
  };
  const r = compileSdkCode("create('a','GET').response(1); create('b','GET').response(2);", {
    validate,
  });
  assert.deepEqual(seen, [r.xanoscript]);
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0].line, 12);
  assert.equal(r.diagnostics[0].message, "Generated XanoScript line 12: bad");
});

Deno.test("compileSdkCode: a validator warning does not fail a compile", () => {
  const warn = (): Diagnostic[] => [
    { code: "XS_STYLE", message: "style", severity: "warning", line: 1, column: 1 },
  ];
  const r = compileSdkCode("create('a','GET').response(1)", { validate: warn });
  assert.equal(r.ok, true);
  assert.equal(validateGenerated("x", warn).length, 1);
});

Deno.test("compileSdkCode: the real validator rejects what the SDK cannot see", () => {
  const r = compileSdkCode(
    "create('a','GET').input('l', 'json').precondition('$input.l|count > 0', 'm').response(1)",
  );
  assert.equal(r.ok, false);
  assert.match(r.diagnostics[0].message, /^Generated XanoScript line \d+: .*parentheses/);
  const fixed = compileSdkCode(
    "create('a','GET').input('l', 'json').precondition('$input.l|count > 0', 'm').response(1)",
    {
      fix: true,
    },
  );
  assert.equal(fixed.ok, true);
});

Deno.test("compileSdkCode: bad input of any shape gets diagnostics, never a throw", () => {
  for (const code of ["", "}}}", "\u0000", "create(", "x".repeat(10_000), "return 1"]) {
    const r = compileSdkCode(code, { fix: true });
    assert.equal(r.ok, false, code.slice(0, 20));
    assert.ok(r.diagnostics.length > 0);
  }
  const r = compileSdkCode(undefined as unknown as string);
  assert.equal(r.ok, false);
});

Deno.test("compileSdkCode: reading an undeclared input is a warning with the line to add", () => {
  const r = compileSdkCode(
    "create('users/{user_id}', 'GET').dbGet('user', { id: '$input.user_id' }, 'u').response('$u.name ~ $input.suffix')",
  );
  assert.equal(r.ok, true);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity, d.fix]), [
    ["SDK_UNDECLARED_INPUT", "warning", '.input("user_id", "int") before it is used'],
    ["SDK_UNDECLARED_INPUT", "warning", '.input("suffix", "text") before it is used'],
  ]);
});
