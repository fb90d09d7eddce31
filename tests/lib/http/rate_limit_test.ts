import assert from "node:assert/strict";
import { createAuthServer } from "../../../lib/auth/server.ts";
import { manualClock, sequentialIds } from "../../../lib/clock.ts";
import { createMetrics } from "../../../lib/metrics.ts";
import { memoryKv, testApp, testConfig } from "../../_helpers.ts";
import { INIT, rpc } from "../../mcp/_harness.ts";

Deno.test("mcp rate limit: a token over its limit gets 429 with Retry-After and a JSON-RPC error", async () => {
  using kv = await memoryKv();
  const metrics = createMetrics();
  const app = await testApp(kv, {
    metrics,
    config: testConfig({ MCP_RATE_LIMIT_TOKEN: "3/1m", MCP_RATE_LIMIT_IP: "off" }),
  });
  const token = { authorization: "Bearer not-a-real-token-0123456789" };
  for (let i = 0; i < 3; i++) assert.equal((await app.fetch(rpc(INIT, token))).status, 401);
  const refused = await app.fetch(rpc(INIT, token));
  assert.equal(refused.status, 429);
  const seconds = Number(refused.headers.get("retry-after"));
  assert.ok(seconds >= 1 && seconds <= 60, `Retry-After ${seconds}`);
  const body = await refused.json();
  assert.equal(body.jsonrpc, "2.0");
  assert.match(body.error.message, /Too many requests from this token; wait \d+ seconds/);
  const other = { authorization: "Bearer another-token-0123456789" };
  assert.equal((await app.fetch(rpc(INIT, other))).status, 401, "other tokens are unaffected");
  assert.match(await metrics.render(), /rate_limited_total\{bucket="mcp_token"\} 1/);
});

Deno.test("mcp rate limit: an address over its limit gets 429 whatever token it sends, and recovers after the window", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const app = await testApp(kv, {
    clock,
    config: testConfig({ MCP_RATE_LIMIT_IP: "2/1m", MCP_RATE_LIMIT_TOKEN: "off" }),
  });
  assert.equal((await app.fetch(rpc(INIT))).status, 401);
  assert.equal((await app.fetch(rpc(INIT, { authorization: "Bearer a-0123456789" }))).status, 401);
  const refused = await app.fetch(rpc(INIT, { authorization: "Bearer b-0123456789" }));
  assert.equal(refused.status, 429);
  assert.match((await refused.json()).error.message, /from this address/);
  clock.advance(2 * 60_000);
  assert.equal((await app.fetch(rpc(INIT))).status, 401);
});

Deno.test("mcp rate limit: CORS preflights are not counted", async () => {
  using kv = await memoryKv();
  const app = await testApp(kv, { config: testConfig({ MCP_RATE_LIMIT_IP: "1/1m" }) });
  for (let i = 0; i < 3; i++) {
    const res = await app.request("/mcp", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:6274", "access-control-request-method": "POST" },
    });
    assert.notEqual(res.status, 429);
  }
  assert.equal((await app.fetch(rpc(INIT))).status, 401);
});

Deno.test("auth limits: sign-in and registration limits come from the configuration", async () => {
  using kv = await memoryKv();
  const config = testConfig({
    SIGNIN_RATE_LIMIT_IP: "7/5m",
    SIGNIN_RATE_LIMIT_ACCOUNT: "3/1h",
    REGISTER_RATE_LIMIT_IP: "9/1m",
  });
  const auth = createAuthServer({
    kv,
    clock: manualClock(),
    ids: sequentialIds("x"),
    fetch: () => Promise.reject(new Error("offline")),
    config,
    resolveHost: () => Promise.resolve([]),
  });
  assert.deepEqual(auth.limits.signInPerIp, { limit: 7, windowMs: 300_000 });
  assert.deepEqual(auth.limits.signInPerAccount, { limit: 3, windowMs: 3_600_000 });
  assert.deepEqual(auth.limits.registerPerIp, { limit: 9, windowMs: 60_000 });
});

Deno.test("auth limits: registration over REGISTER_RATE_LIMIT_IP answers 429 with Retry-After", async () => {
  using kv = await memoryKv();
  const metrics = createMetrics();
  const app = await testApp(kv, {
    metrics,
    config: testConfig({ REGISTER_RATE_LIMIT_IP: "2/1m" }),
  });
  const register = () =>
    app.request("/register", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        redirect_uris: ["http://127.0.0.1:3000/callback"],
        token_endpoint_auth_method: "none",
      }),
    });
  assert.equal((await register()).status, 201);
  assert.equal((await register()).status, 201);
  const refused = await register();
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get("retry-after")) >= 1);
  assert.match(await metrics.render(), /rate_limited_total\{bucket="register_ip"\} 1/);
});
