import assert from "node:assert/strict";
import { redactText, summariseArguments } from "../../../lib/kv/redact.ts";

Deno.test("redact: secret keys, bearer strings, JWTs and opaque tokens are removed", () => {
  const summary = summariseArguments({
    table: "users",
    password: "hunter2",
    api_key: "k",
    nested: { metaToken: "x", note: "Bearer abc.def.ghi123" },
    value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    opaque: "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0",
  });
  assert.match(summary, /table:"users"/);
  for (const secret of ["hunter2", "abc.def", "eyJ", "a1B2c3"]) {
    assert.ok(!summary.includes(secret), `${secret} leaked in ${summary}`);
  }
  assert.equal(redactText("token Bearer abcdefghij1234 end"), "token Bearer [redacted] end");
});

Deno.test("redact: summaries are bounded in length, depth and width", () => {
  const long = summariseArguments({ text: "x".repeat(500), list: Array(20).fill(1) });
  assert.ok(long.length <= 240);
  assert.match(long, /…/);
  assert.match(summariseArguments({ a: { b: { c: { d: 1 } } } }), /\{…\}/);
  assert.match(summariseArguments(Array(9).fill(0)), /…\+4/);
  assert.equal(summariseArguments(undefined), "undefined");
});
