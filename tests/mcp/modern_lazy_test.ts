import assert from "node:assert/strict";
import fc from "fast-check";
import { isLegacyRequest } from "@modelcontextprotocol/server";
import { certainlyLegacy, lazyModernEndpoint } from "../../mcp/modern_lazy.ts";
import type { ModernEndpoint } from "../../mcp/modern.ts";
import type { Caller } from "../../mcp/sessions.ts";
import { memoryKv } from "../_helpers.ts";
import { connect } from "./_harness.ts";
import { product } from "./_product.ts";

const CLAIM = "io.modelcontextprotocol/protocolVersion";

function post(body: unknown, protocolVersion?: string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (protocolVersion !== undefined) headers["mcp-protocol-version"] = protocolVersion;
  return new Request("http://127.0.0.1/mcp", {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
}

Deno.test("modern lazy: what 2025-era SDK clients send is settled without the v2 SDK, as v2 would", async () => {
  const messages: [unknown, string | undefined][] = [
    [{
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: "c", version: "1" },
      },
    }, undefined],
    [{ jsonrpc: "2.0", method: "notifications/initialized" }, "2025-11-25"],
    [
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "t", arguments: {} } },
      "2025-11-25",
    ],
    [
      { jsonrpc: "2.0", id: "a", method: "tools/call", params: { _meta: { progressToken: 3 } } },
      "2025-06-18",
    ],
    [{ jsonrpc: "2.0", id: 2, method: "tools/list" }, " 2025-03-26\t"],
  ];
  for (const [body, version] of messages) {
    assert.equal(certainlyLegacy(post(body, version), body), true, JSON.stringify(body));
    assert.equal(await isLegacyRequest(post(body, version), body), true);
  }
  for (const method of ["GET", "DELETE"]) {
    const request = new Request("http://127.0.0.1/mcp", { method });
    assert.equal(certainlyLegacy(request, undefined), true, method);
    assert.equal(await isLegacyRequest(request), true, method);
  }
});

Deno.test("modern lazy: envelope claims, modern headers and odd shapes go to the v2 classifier", () => {
  const deferred: [unknown, string | undefined][] = [
    [
      { jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: { [CLAIM]: "2026-07-28" } } },
      undefined,
    ],
    [
      { jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: { [CLAIM]: "2025-11-25" } } },
      undefined,
    ],
    [{ jsonrpc: "2.0", id: 1, method: "tools/list" }, "2026-07-28"],
    [{ jsonrpc: "2.0", id: 1, method: "tools/list" }, "next"],
    [[{ jsonrpc: "2.0", id: 1, method: "tools/list" }], undefined],
    [{ jsonrpc: "2.0", id: 1, result: {} }, undefined],
    [{ jsonrpc: "2.0", id: null, method: "tools/list" }, undefined],
    [{ jsonrpc: "2.0", id: 1, method: "tools/list", params: null }, undefined],
    [{ jsonrpc: "2.0", id: 1, method: "tools/list", extra: true }, undefined],
    [{ jsonrpc: "2.0", id: 1, method: "x", params: { _meta: { progressToken: 1.5 } } }, undefined],
  ];
  for (const [body, version] of deferred) {
    assert.equal(certainlyLegacy(post(body, version), body), false, JSON.stringify(body));
  }
});

/** Mostly `usual`, sometimes one of `odd` (so both paths are exercised often). */
function mostly<T>(usual: fc.Arbitrary<T>, ...odd: fc.Arbitrary<T>[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 3 * odd.length, arbitrary: usual },
    ...odd.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

Deno.test("modern lazy: whatever it settles as legacy, the v2 classifier also calls legacy", async () => {
  const odd = fc.oneof(fc.double(), fc.constant(null), fc.object(), fc.constant(2 ** 60));
  const id = mostly<unknown>(
    fc.oneof(fc.constant(undefined), fc.string({ maxLength: 4 }), fc.integer()),
    odd,
  );
  const absent = fc.constant(undefined);
  const meta = mostly<unknown>(
    fc.record({
      progressToken: mostly<unknown>(
        fc.oneof(absent, fc.string({ maxLength: 4 }), fc.integer()),
        odd,
      ),
      [CLAIM]: mostly<unknown>(absent, fc.constantFrom("2026-07-28", "2025-11-25"), odd),
      "io.modelcontextprotocol/related-task": mostly<unknown>(
        absent,
        fc.record({ taskId: fc.string() }),
        odd,
      ),
      other: fc.oneof(absent, odd),
    }),
    fc.constant(null),
    fc.constant([]),
  );
  const params = mostly<unknown>(
    fc.record({ name: fc.string({ maxLength: 3 }), _meta: fc.oneof(absent, meta) }),
    fc.constant(null),
    fc.constant([1]),
  );
  const message = fc.record({
    jsonrpc: mostly<unknown>(fc.constant("2.0"), fc.constant("1.0"), absent),
    id,
    method: mostly<unknown>(
      fc.constantFrom("initialize", "tools/call", "notifications/initialized", "server/discover"),
      fc.integer(),
      absent,
    ),
    params: fc.oneof(absent, params),
    result: mostly<unknown>(absent, fc.constant({})),
  }).map((m) => JSON.parse(JSON.stringify(m)));
  const body = mostly<unknown>(message, fc.array(message, { maxLength: 3 }));
  const header = mostly(
    fc.constantFrom(undefined, "2025-11-25", " 2025-06-18 "),
    fc.constantFrom("2026-07-28", "2027-01-01", "garbage", ""),
  );
  let settled = 0;
  let deferred = 0;
  await fc.assert(
    fc.asyncProperty(body, header, async (b, h) => {
      if (!certainlyLegacy(post(b, h), b)) return void deferred++;
      settled++;
      assert.equal(await isLegacyRequest(post(b, h), b), true, `${JSON.stringify(b)} @ ${h}`);
    }),
    { numRuns: 2000 },
  );
  assert.ok(settled > 200 && deferred > 200, `settled ${settled}, deferred ${deferred}`);
});

function fakeEndpoint(calls: string[]): ModernEndpoint {
  return {
    isLegacy: () => Promise.resolve(false),
    fetch: () => Promise.resolve(new Response("modern")),
    notify: {
      toolsChanged: () => calls.push("toolsChanged"),
      promptsChanged: () => {},
      resourcesChanged: () => {},
      resourceUpdated: () => {},
    },
    close: () => Promise.resolve(),
  };
}

Deno.test("modern lazy: loads on the first request it cannot settle, once; a failed load is retried", async () => {
  const calls: string[] = [];
  let loads = 0;
  let fail = true;
  const endpoint = lazyModernEndpoint(() => {
    loads++;
    return fail
      ? Promise.reject(new TypeError("Module not found modern.ts"))
      : Promise.resolve(fakeEndpoint(calls));
  });
  const legacy = { jsonrpc: "2.0", id: 1, method: "tools/list" };
  assert.equal(await endpoint.isLegacy(post(legacy), legacy), true);
  endpoint.notify.toolsChanged();
  assert.equal(loads, 0);

  const claimed = {
    jsonrpc: "2.0",
    id: 1,
    method: "tools/list",
    params: { _meta: { [CLAIM]: "2026-07-28" } },
  };
  await assert.rejects(
    endpoint.isLegacy(post(claimed), claimed),
    /Cannot load the 2026-07-28 protocol support: Module not found modern\.ts/,
  );
  fail = false;
  assert.equal(await endpoint.isLegacy(post(claimed), claimed), false);
  const caller = { grantId: "g", userId: "u", settings: {} } as Caller;
  assert.equal(await (await endpoint.fetch(post(claimed), caller, claimed)).text(), "modern");
  endpoint.notify.toolsChanged();
  assert.equal(loads, 2);
  assert.deepEqual(calls, ["toolsChanged"]);
});

Deno.test("modern lazy: a 2025 session first, then the 2026 era answers on its first request", async () => {
  using kv = await memoryKv();
  const { app, sessions } = product(kv);
  const { client } = await connect(app, { token: "token-full" });
  const listed = await client.listTools();
  assert.ok(listed.tools.some((tool) => tool.name === "xano_list_tables"));
  const res = await app.request("http://127.0.0.1:8000/mcp", {
    method: "POST",
    headers: {
      authorization: "Bearer token-full",
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": "tools/list",
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 9,
      method: "tools/list",
      params: {
        _meta: {
          [CLAIM]: "2026-07-28",
          "io.modelcontextprotocol/clientCapabilities": {},
          "io.modelcontextprotocol/clientInfo": { name: "t", version: "1" },
        },
      },
    }),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.id, 9);
  assert.deepEqual(
    body.result.tools.map((t: { name: string }) => t.name).sort(),
    listed.tools.map((t) => t.name).sort(),
  );
  await client.close();
  await sessions.closeAll();
});
