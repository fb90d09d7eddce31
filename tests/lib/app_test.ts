import assert from "node:assert/strict";
import { Hono } from "hono";
import { createApp } from "../../lib/app.ts";
import { BadRequestError, RateLimitError } from "../../lib/errors.ts";
import { createLogger } from "../../lib/log.ts";
import { memoryKv, testApp, testDeps } from "../_helpers.ts";

Deno.test("app: /health/live answers 200 ok", async () => {
  using kv = await memoryKv();
  const app = await testApp(kv);
  const res = await app.request("/health/live");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: "ok" });
  assert.match(res.headers.get("x-request-id") ?? "", /^req-\d+$/);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
});

Deno.test("app: /health/ready is 200 while KV answers and 503 once it is closed", async () => {
  const kv = await Deno.openKv(":memory:");
  const app = await testApp(kv);
  const ok = await app.request("/health/ready");
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).checks.kv.ok, true);
  kv.close();
  const down = await app.request("/health/ready");
  assert.equal(down.status, 503);
  const body = await down.json();
  assert.equal(body.status, "unavailable");
  assert.equal(body.checks.kv.ok, false);
});

Deno.test("app: /health/ready fails closed when a check hangs or throws", async () => {
  using kv = await memoryKv();
  const app = await testApp(kv, {
    readiness: [
      { name: "slow", run: () => new Promise(() => {}) },
      { name: "broken", run: () => Promise.reject(new Error("nope")) },
    ],
  });
  // healthRoutes' default timeout is 2 s; the hanging check must not hang the route.
  const res = await app.request("/health/ready");
  assert.equal(res.status, 503);
  const body = await res.json();
  assert.match(body.checks.slow.error, /timed out/);
  assert.equal(body.checks.broken.error, "nope");
});

Deno.test("app: unknown routes get a JSON 404", async () => {
  using kv = await memoryKv();
  const app = await testApp(kv);
  const res = await app.request("/nope");
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, "not_found");
});

Deno.test("app: errors map to safe JSON without stack traces, and unknown ones are logged", async () => {
  using kv = await memoryKv();
  const lines: string[] = [];
  const deps = await testDeps(kv, { logger: createLogger({ write: (line) => lines.push(line) }) });
  const app = createApp(deps);
  const extra = new Hono();
  extra.get("/bad", () => {
    throw new BadRequestError('Field "name" is required');
  });
  extra.get("/slow-down", () => {
    throw new RateLimitError("Too many requests", 30);
  });
  extra.get("/boom", () => {
    throw new Error("secret internal detail");
  });
  app.route("/t", extra);

  const bad = await app.request("/t/bad");
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), {
    error: { code: "bad_request", message: 'Field "name" is required' },
  });

  const limited = await app.request("/t/slow-down");
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "30");
  await limited.body?.cancel();

  const boom = await app.request("/t/boom");
  assert.equal(boom.status, 500);
  const text = await boom.text();
  assert.ok(!text.includes("secret internal detail"));
  assert.ok(!text.includes("at "));
  assert.ok(
    lines.some((line) =>
      line.includes("secret internal detail") && line.includes('"level":"error"')
    ),
  );
});

Deno.test("app: HTML responses carry CSP and framing protection", async () => {
  using kv = await memoryKv();
  const app = await testApp(kv);
  const page = new Hono();
  page.get("/", (c) => c.html("<p>hi</p>"));
  app.route("/page", page);
  const res = await app.request("/page");
  assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
  assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
  assert.equal(res.headers.get("x-frame-options"), "DENY");
  await res.body?.cancel();
});

Deno.test("app: request log lines are JSON with a request id and no query string", async () => {
  using kv = await memoryKv();
  const lines: string[] = [];
  const app = createApp(
    await testDeps(kv, { logger: createLogger({ write: (line) => lines.push(line) }) }),
  );
  const res = await app.request("/nope?code=supersecret", {
    headers: { "x-request-id": "client-req-123" },
  });
  await res.body?.cancel();
  assert.equal(res.headers.get("x-request-id"), "client-req-123");
  const record = JSON.parse(lines.at(-1)!);
  assert.equal(record.requestId, "client-req-123");
  assert.equal(record.path, "/nope");
  assert.equal(record.status, 404);
  assert.ok(!lines.join("\n").includes("supersecret"));
});
