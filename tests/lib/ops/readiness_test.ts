import assert from "node:assert/strict";
import { Hono } from "hono";
import { manualClock } from "../../../lib/clock.ts";
import { healthRoutes } from "../../../lib/http/health.ts";
import { xanoReadiness } from "../../../lib/ops/readiness.ts";
import { createSandbox } from "../../../lib/sandbox/mod.ts";
import { createXanoRuntime } from "../../../lib/xano/mod.ts";
import { memoryKv, testApp, testDeps } from "../../_helpers.ts";

async function appWithSandbox(kv: Deno.Kv) {
  const sandbox = createSandbox({ kv, clock: manualClock(), basePath: "/_sandbox" });
  const deps = await testDeps(kv);
  const xano = createXanoRuntime({
    kv,
    sealer: deps.sealer,
    clock: deps.clock,
    fetch: sandbox.fetch,
  });
  return { sandbox, app: await testApp(kv, { sandbox, xano }) };
}

Deno.test("readiness: ready when KV and the sandbox Xano answer and the breaker is closed", async () => {
  using kv = await memoryKv();
  const { app } = await appWithSandbox(kv);
  const res = await app.request("/health/ready");
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.deepEqual(Object.keys(body.checks).sort(), ["kv", "xano", "xano_breaker"]);
});

Deno.test("readiness: fails closed with 503 when Xano answers 5xx or drops the connection", async () => {
  using kv = await memoryKv();
  const { app, sandbox } = await appWithSandbox(kv);
  sandbox.faults.set("error_rate=1,error_status=503");
  const down = await app.request("/health/ready");
  assert.equal(down.status, 503);
  const body = await down.json();
  assert.equal(body.checks.xano.ok, false);
  assert.match(body.checks.xano.error, /answered 503/);
  sandbox.faults.set("drop_rate=1");
  const dropped = await app.request("/health/ready");
  assert.equal(dropped.status, 503);
  assert.match((await dropped.json()).checks.xano.error, /unreachable/);
  sandbox.faults.clear();
  assert.equal((await app.request("/health/ready")).status, 200);
});

Deno.test("readiness: fails closed with 503 when the breaker for the Xano host is open", async () => {
  let state: "closed" | "open" = "closed";
  const seen: string[] = [];
  const app = new Hono().route(
    "/",
    healthRoutes({
      checks: xanoReadiness({
        metaUrl: "https://x1.xano.io/api:meta",
        fetch: () => Promise.resolve(new Response("{}", { status: 401 })),
        breakerState: (host) => {
          seen.push(host);
          return state;
        },
      }),
    }),
  );
  assert.equal((await app.request("/health/ready")).status, 200, "a 401 still proves Xano is up");
  state = "open";
  const res = await app.request("/health/ready");
  assert.equal(res.status, 503);
  assert.match((await res.json()).checks.xano_breaker.error, /breaker for "x1.xano.io" is open/);
  assert.deepEqual([...new Set(seen)], ["x1.xano.io"]);
});

Deno.test("readiness: a hanging Xano fails the check on time", async () => {
  const app = new Hono().route(
    "/",
    healthRoutes({
      checks: xanoReadiness({
        metaUrl: "https://x1.xano.io/api:meta",
        timeoutMs: 50,
        fetch: (request) =>
          new Promise((_, reject) =>
            request.signal.addEventListener("abort", () => reject(request.signal.reason))
          ),
        breakerState: () => "closed",
      }),
    }),
  );
  const res = await app.request("/health/ready");
  assert.equal(res.status, 503);
  assert.match((await res.json()).checks.xano.error, /unreachable/);
});
