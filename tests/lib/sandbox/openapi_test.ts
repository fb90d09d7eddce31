import assert from "node:assert/strict";
import { metaSandbox } from "./_helpers.ts";

Deno.test("openapi: a group's document lists its endpoints with path, query and body inputs", async () => {
  const { meta } = await metaSandbox();
  const script = [
    'query "orders/{order_id}" verb=PATCH {',
    '  api_group = "Authentication"',
    '  auth = "users"',
    "",
    "  input {",
    "    int order_id",
    "    text? note?",
    "  }",
    "",
    "  stack {",
    "  }",
    "",
    "  response = null",
    "}",
  ].join("\n");
  const created = await meta("POST", "/workspace/1/apigroup/1/api", {
    body: script,
    headers: { "content-type": "text/x-xanoscript" },
  });
  assert.equal(created.status, 200);
  const doc = await meta("GET", "/workspace/1/apigroup/1/openapi");
  assert.equal(doc.status, 200);
  assert.equal(doc.body.openapi, "3.0.0");
  assert.equal(doc.body.servers[0].url, "http://sandbox.test/api:auth");
  assert.deepEqual(Object.keys(doc.body.paths).sort(), [
    "/auth/login",
    "/auth/me",
    "/auth/signup",
    "/orders/{order_id}",
  ]);
  const patch = doc.body.paths["/orders/{order_id}"].patch;
  assert.deepEqual(patch.parameters, [{
    name: "order_id",
    in: "path",
    required: true,
    schema: { type: "integer" },
  }]);
  assert.deepEqual(patch.requestBody.content["application/json"].schema.properties.note, {
    type: "string",
    nullable: true,
  });
  assert.deepEqual(patch.security, [{ bearerAuth: [] }]);
  const login = doc.body.paths["/auth/login"].post;
  assert.deepEqual(login.requestBody.content["application/json"].schema.required, [
    "email",
    "password",
  ]);
  const one = await meta("GET", `/workspace/1/apigroup/1/api/${created.body.id}/openapi`);
  assert.deepEqual(Object.keys(one.body.paths), ["/orders/{order_id}"]);
  const all = await meta("GET", "/workspace/1/openapi");
  assert.ok("/api:auth/auth/me" in all.body.paths);
  assert.equal((await meta("GET", "/workspace/1/apigroup/1/api/99/openapi")).status, 404);
});

Deno.test("unsupported: Xano routes the sandbox does not emulate answer 501 saying so", async () => {
  const { meta } = await metaSandbox();
  const routes = [
    ["POST", "/workspace/1/function/run"],
    ["GET", "/workspace/1/file"],
    ["POST", "/workspace/1/export"],
    ["POST", "/workspace/1/branch/dev"],
    ["DELETE", "/workspace/1/file/3"],
  ];
  for (
    const [method, path] of routes
  ) {
    const res = await meta(method, path, method === "GET" ? {} : { body: {} });
    assert.equal(res.status, 501, path);
    assert.equal(res.body.code, "ERROR_CODE_NOT_IMPLEMENTED");
    assert.match(res.body.message, /does not emulate/);
  }
});
