import assert from "node:assert/strict";
import { manualClock } from "../../lib/clock.ts";
import { createGroupCommit } from "../../lib/kv/group_commit.ts";
import { keys } from "../../lib/kv/keys.ts";
import { silentLogger } from "../../lib/log.ts";
import { createReplyRelay, type RelayedTransport } from "../../mcp/reply_relay.ts";
import type { JSONRPCMessage } from "../../mcp/sdk.ts";
import { memoryKv } from "../_helpers.ts";

function fakeTransport(): RelayedTransport & { sent: JSONRPCMessage[]; got: JSONRPCMessage[] } {
  const sent: JSONRPCMessage[] = [];
  const got: JSONRPCMessage[] = [];
  return {
    sent,
    got,
    send: (message) => Promise.resolve(void sent.push(message)),
    onmessage: (message) => void got.push(message),
  };
}

Deno.test("reply relay: requests are tagged with the asking process; answers find their way back", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const writes = createGroupCommit(kv);
  const deps = { kv, clock, writes, logger: silentLogger, pollMs: 5 };
  const a = createReplyRelay({ ...deps, process: "a" });
  const b = createReplyRelay({ ...deps, process: "b" });
  const transport = fakeTransport();
  a.attach("s1", transport);
  await transport.send({ jsonrpc: "2.0", id: 7, method: "elicitation/create", params: {} });
  await transport.send({ jsonrpc: "2.0", method: "notifications/message", params: {} });
  assert.equal((transport.sent[0] as { id: string }).id, "r:a:7");
  assert.equal("id" in transport.sent[1], false, "notifications are untouched");

  // On process b: the answer is stored for a, a request in the same batch stays.
  const ping = { jsonrpc: "2.0", id: 1, method: "ping" };
  const routed = await b.route("s1", [{ jsonrpc: "2.0", id: "r:a:7", result: { ok: 1 } }, ping]);
  assert.deepEqual(routed, { kind: "local", body: [ping] });
  assert.ok((await kv.get(keys.mcpReply("s1", "r:a:7"))).value);
  // Process a picks it up and hands it over with the id its SDK knows.
  for (let i = 0; i < 100 && transport.got.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.deepEqual(transport.got, [{ jsonrpc: "2.0", id: 7, result: { ok: 1 } }]);
  assert.equal((await kv.get(keys.mcpReply("s1", "r:a:7"))).value, null, "taken once");

  // An answer reaching the asking process directly is untagged there and then.
  await transport.send({ jsonrpc: "2.0", id: 8, method: "elicitation/create", params: {} });
  const direct = await a.route("s1", {
    jsonrpc: "2.0",
    id: "r:a:8",
    error: { code: 1, message: "no" },
  });
  assert.deepEqual(direct, {
    kind: "local",
    body: { jsonrpc: "2.0", id: 8, error: { code: 1, message: "no" } },
  });
  assert.deepEqual(await b.route("s1", { jsonrpc: "2.0", id: "r:a:9", result: {} }), {
    kind: "relayed",
  });
  a.close();
  b.close();
});
