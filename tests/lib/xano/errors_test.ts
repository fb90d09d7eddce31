import assert from "node:assert/strict";
import { AppError, toErrorBody } from "../../../lib/errors.ts";
import { classifyResponse, findPosition, XanoError } from "../../../lib/xano/errors.ts";

const op = { action: "get table", target: { kind: "table", id: 42, workspaceId: 1 } } as const;

Deno.test("errors: each status maps to a category with a next step", () => {
  const cases: [number, string][] = [
    [400, "validation"],
    [401, "auth_expired"],
    [403, "forbidden"],
    [404, "not_found"],
    [409, "conflict"],
    [429, "rate_limited"],
    [500, "upstream_down"],
    [503, "upstream_down"],
    [504, "timeout"],
    [418, "bad_response"],
  ];
  for (const [status, category] of cases) {
    const error = classifyResponse(status, { message: "x" }, op);
    assert.ok(error instanceof AppError);
    assert.equal(error.category, category, `status ${status}`);
    assert.ok(error.nextStep.length > 10);
    assert.ok(!error.message.endsWith("."), "messages have no trailing period");
  }
});

Deno.test("errors: not found names the object and the tool to call", () => {
  const error = classifyResponse(404, { code: "ERROR_CODE_NOT_FOUND", message: "Not Found." }, op);
  assert.equal(
    error.toText(),
    'Cannot get table "42" in workspace 1: table "42" or workspace 1 does not exist: Xano said "Not Found.". Call xano_list_tables with workspace_id 1 to see valid table ids',
  );
});

Deno.test("errors: toErrorBody exposes category and next step as details", () => {
  const body = toErrorBody(classifyResponse(403, {}, op));
  assert.equal(body.status, 403);
  assert.equal(body.body.error.code, "xano_forbidden");
  assert.deepEqual(Object.keys(body.body.error.details as object).sort(), [
    "category",
    "nextStep",
    "upstreamStatus",
  ]);
});

Deno.test("errors: findPosition reads payload fields and message forms", () => {
  assert.deepEqual(findPosition({ payload: { line: 4, column: 2 } }), { line: 4, column: 2 });
  assert.deepEqual(findPosition({ message: "Unexpected token at line 7 col 3" }), {
    line: 7,
    column: 3,
  });
  assert.deepEqual(findPosition({ message: "input:12:9: bad filter" }), { line: 12, column: 9 });
  assert.equal(findPosition({ message: "Name is required" }), undefined);
});

Deno.test("errors: Xano's message is trimmed and quoted, not trusted", () => {
  const long = "a".repeat(1000);
  const error = classifyResponse(500, { message: long }, op);
  assert.ok(error.message.length < 400);
  assert.ok(error instanceof XanoError);
});
