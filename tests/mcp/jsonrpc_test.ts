import assert from "node:assert/strict";
import { isAnswer } from "../../mcp/jsonrpc.ts";

Deno.test("jsonrpc: answers are results or errors for an id, never requests or notifications", () => {
  assert.ok(isAnswer({ jsonrpc: "2.0", id: 1, result: {} }));
  assert.ok(isAnswer({ jsonrpc: "2.0", id: "r:p:2", error: { code: -1, message: "no" } }));
  assert.ok(isAnswer({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse" } }));
  assert.ok(!isAnswer({ jsonrpc: "2.0", id: 1, method: "tools/call", params: {} }));
  assert.ok(!isAnswer({ jsonrpc: "2.0", method: "notifications/message", params: {} }));
  assert.ok(!isAnswer({ jsonrpc: "2.0", result: {} }));
  assert.ok(!isAnswer({}));
  assert.ok(!isAnswer(null));
  assert.ok(!isAnswer("{}"));
});
