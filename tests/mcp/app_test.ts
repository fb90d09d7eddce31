import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import { demoApp, grant, INIT, mapVerifier, rpc } from "./_harness.ts";

Deno.test("mcp app: no token gets 401 with resource metadata and scope in WWW-Authenticate", async () => {
  using kv = await memoryKv();
  const { app } = demoApp({ kv });
  const res = await app.fetch(rpc(INIT));
  assert.equal(res.status, 401);
  const challenge = res.headers.get("www-authenticate") ?? "";
  assert.match(
    challenge,
    /^Bearer resource_metadata="http:\/\/127\.0\.0\.1:8000\/\.well-known\/oauth-protected-resource\/mcp", scope="xano:read/,
  );
  assert.equal((await res.json()).error, "invalid_token");
});

Deno.test("mcp app: an unknown token gets 401 invalid_token", async () => {
  using kv = await memoryKv();
  const { app } = demoApp({ kv });
  const res = await app.fetch(rpc(INIT, { authorization: "Bearer not-a-real-token" }));
  assert.equal(res.status, 401);
  assert.match(res.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
});

Deno.test("mcp app: a grant without xano:read gets 403 insufficient_scope", async () => {
  using kv = await memoryKv();
  const verifier = mapVerifier({ "token-none": grant({ scopes: [] }) });
  const { app } = demoApp({ kv, verifier });
  const res = await app.fetch(rpc(INIT, { authorization: "Bearer token-none" }));
  assert.equal(res.status, 403);
  assert.match(
    res.headers.get("www-authenticate") ?? "",
    /error="insufficient_scope", scope="xano:read"/,
  );
});

Deno.test("mcp app: calling a tool whose scope is missing asks for step-up with 403", async () => {
  using kv = await memoryKv();
  const verifier = mapVerifier({ "token-read": grant({ scopes: ["xano:read"] }) });
  const { app } = demoApp({ kv, verifier });
  const call = {
    jsonrpc: "2.0",
    id: 2,
    method: "tools/call",
    params: { name: "demo_add", arguments: {} },
  };
  const res = await app.fetch(rpc(call, { authorization: "Bearer token-read" }));
  assert.equal(res.status, 403);
  assert.match(res.headers.get("www-authenticate") ?? "", /scope="xano:read xano:write"/);
});

Deno.test("mcp app: foreign Host or Origin gets 403 before authentication", async () => {
  using kv = await memoryKv();
  const { app } = demoApp({ kv });
  const evilHost = await app.fetch(rpc(INIT, { host: "evil.example.com" }));
  assert.equal(evilHost.status, 403);
  const evilOrigin = await app.fetch(rpc(INIT, { origin: "http://evil.example.com" }));
  assert.equal(evilOrigin.status, 403);
  const local = await app.fetch(
    rpc(INIT, { origin: "http://localhost:6274", authorization: "Bearer token-full" }),
  );
  assert.equal(local.status, 200);
  await local.body?.cancel();
});

Deno.test("mcp app: CORS preflight allows MCP headers and responses expose them", async () => {
  using kv = await memoryKv();
  const { app } = demoApp({ kv });
  const pre = await app.fetch(
    new Request("http://127.0.0.1:8000/mcp", {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:6274",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, mcp-session-id, mcp-protocol-version",
      },
    }),
  );
  assert.ok(pre.status === 204 || pre.status === 200);
  assert.match(pre.headers.get("access-control-allow-headers") ?? "", /Mcp-Session-Id/);
  assert.equal(pre.headers.get("access-control-allow-origin"), "http://localhost:6274");
  assert.match(pre.headers.get("access-control-allow-methods") ?? "", /POST/);
  const res = await app.fetch(rpc(INIT, { origin: "http://localhost:6274" }));
  assert.equal(res.status, 401);
  assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:6274");
  assert.match(res.headers.get("vary") ?? "", /Origin/);
  assert.match(res.headers.get("access-control-expose-headers") ?? "", /WWW-Authenticate/);
  assert.match(res.headers.get("access-control-expose-headers") ?? "", /Mcp-Session-Id/);
});

Deno.test("mcp app: bad JSON is 400, oversize body is 413, unknown toolset is 400", async () => {
  using kv = await memoryKv();
  const { app } = demoApp({ kv });
  const auth = { authorization: "Bearer token-full" };
  const bad = await app.fetch(rpc("{not json", auth));
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, -32700);
  const big = await app.fetch(rpc("x".repeat(5 * 1024 * 1024), auth));
  assert.equal(big.status, 413);
  await big.body?.cancel();
  const sets = await app.fetch(
    new Request("http://127.0.0.1:8000/mcp?toolsets=tables,nope", rpc(INIT, auth)),
  );
  assert.equal(sets.status, 400);
  assert.match((await sets.json()).error_description, /Unknown toolset "nope"/);
});

Deno.test("mcp app: a body the connection breaks off is a 400 JSON-RPC parse error, with or without a declared length", async () => {
  using kv = await memoryKv();
  const { app } = demoApp({ kv });
  for (const declared of [true, false]) {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('{"jsonrpc"'));
        controller.error(new Error("connection reset"));
      },
    });
    const headers: Record<string, string> = {
      authorization: "Bearer token-full",
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(declared ? { "content-length": "100" } : {}),
    };
    const res = await app.fetch(
      new Request("http://127.0.0.1:8000/mcp", { method: "POST", headers, body }),
    );
    assert.equal(res.status, 400, `declared length: ${declared}`);
    const error = (await res.json()).error;
    assert.equal(error.code, -32700);
    assert.match(error.message, /could not be read in full/);
  }
});

Deno.test("mcp app: unknown session is 404, missing session id is 400, bad protocol version is 400", async () => {
  using kv = await memoryKv();
  const { app } = demoApp({ kv });
  const auth = { authorization: "Bearer token-full" };
  const ping = { jsonrpc: "2.0", id: 5, method: "ping" };
  const missing = await app.fetch(rpc(ping, auth));
  assert.equal(missing.status, 400);
  const unknown = await app.fetch(rpc(ping, { ...auth, "mcp-session-id": "mcp_nope" }));
  assert.equal(unknown.status, 404);
  await unknown.body?.cancel();

  const init = await app.fetch(rpc(INIT, auth));
  const session = init.headers.get("mcp-session-id")!;
  await init.body?.cancel();
  const badVersion = await app.fetch(
    rpc(ping, { ...auth, "mcp-session-id": session, "mcp-protocol-version": "1999-01-01" }),
  );
  assert.equal(badVersion.status, 400);
  await badVersion.body?.cancel();
});

Deno.test("mcp app: a session belongs to its grant; another token gets 404 for it", async () => {
  using kv = await memoryKv();
  const verifier = mapVerifier({
    "token-full": grant(),
    "token-other": grant({ grantId: "g2", userId: "u2" }),
  });
  const { app } = demoApp({ kv, verifier });
  const init = await app.fetch(rpc(INIT, { authorization: "Bearer token-full" }));
  const session = init.headers.get("mcp-session-id")!;
  await init.body?.cancel();
  const stolen = await app.fetch(
    rpc({ jsonrpc: "2.0", id: 2, method: "ping" }, {
      authorization: "Bearer token-other",
      "mcp-session-id": session,
    }),
  );
  assert.equal(stolen.status, 404);
  await stolen.body?.cancel();
});
