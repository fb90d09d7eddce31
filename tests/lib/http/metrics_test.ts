import assert from "node:assert/strict";
import { Hono } from "hono";
import { createMetrics } from "../../../lib/metrics.ts";
import { memoryKv, testApp, testConfig } from "../../_helpers.ts";

Deno.test("metrics: /metrics serves Prometheus text with request counts by route pattern", async () => {
  using kv = await memoryKv();
  const metrics = createMetrics();
  const app = await testApp(kv, { metrics });
  const items = new Hono();
  items.get("/:id", (c) => c.text(c.req.param("id")));
  app.route("/items", items);

  for (const id of ["1", "2", "3"]) await (await app.request(`/items/${id}`)).body?.cancel();
  await (await app.request("/no/such/path")).body?.cancel();

  const res = await app.request("/metrics");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
  const text = await res.text();
  assert.match(text, /http_requests_total\{route="\/items\/:id",method="GET",status="200"\} 3/);
  assert.match(text, /http_requests_total\{route="unmatched",method="GET",status="404"\} 1/);
  assert.ok(!text.includes("/items/1"), "raw paths must not become labels");
  assert.match(text, /# TYPE mcp_tool_calls_total counter/);
  assert.match(text, /# TYPE xano_circuit_state gauge/);
});

Deno.test("metrics: two apps keep separate registries", async () => {
  using kv = await memoryKv();
  const a = createMetrics();
  const b = createMetrics();
  a.toolCalls.inc({ tool: "t", outcome: "ok" });
  assert.match(await a.render(), /mcp_tool_calls_total\{tool="t",outcome="ok"\} 1/);
  assert.ok(!(await b.render()).includes('tool="t"'));
  const app = await testApp(kv, { metrics: b });
  await (await app.request("/health/live")).body?.cancel();
});

Deno.test("metrics: METRICS_TOKEN protects /metrics", async () => {
  using kv = await memoryKv();
  const app = await testApp(kv, { config: testConfig({ METRICS_TOKEN: "s3cret-token" }) });
  const denied = await app.request("/metrics");
  assert.equal(denied.status, 401);
  assert.equal((await denied.json()).error.code, "unauthorized");
  const wrong = await app.request("/metrics", { headers: { authorization: "Bearer nope" } });
  assert.equal(wrong.status, 401);
  await wrong.body?.cancel();
  const ok = await app.request("/metrics", { headers: { authorization: "Bearer s3cret-token" } });
  assert.equal(ok.status, 200);
  await ok.body?.cancel();
});

Deno.test("metrics: process memory is read at scrape time (RSS, heap total and used, external)", async () => {
  const text = await createMetrics().render();
  for (const kind of ["rss", "heap_total", "heap_used", "external"]) {
    const value = new RegExp(`process_memory_bytes\\{kind="${kind}"\\} (\\d+)`).exec(text);
    assert.ok(value, `missing ${kind}`);
    assert.ok(Number(value[1]) > 0, `${kind} is ${value[1]}`);
  }
  const rss = Number(/process_memory_bytes\{kind="rss"\} (\d+)/.exec(text)![1]);
  assert.ok(rss > 10 * 2 ** 20 && rss < 2 ** 34, `rss ${rss} bytes is not a process size`);
});

Deno.test("metrics: V8 heap spaces are read at scrape time, committed and used, and add up to the heap total", async () => {
  const text = await createMetrics().render();
  const spaces = new Map<string, { committed?: number; used?: number }>();
  for (
    const [, space, kind, value] of text.matchAll(
      /^v8_heap_space_bytes\{space="([a-z_]+)",kind="(committed|used)"\} (\d+)$/gm,
    )
  ) {
    spaces.set(space!, { ...spaces.get(space!), [kind!]: Number(value) });
  }
  for (const name of ["old_space", "new_space", "code_space"]) {
    const space = spaces.get(name);
    assert.ok(space?.committed && space.used !== undefined, `missing ${name}`);
    assert.ok(space.used! <= space.committed, `${name} uses more than it commits`);
  }
  const committed = [...spaces.values()].reduce((sum, space) => sum + (space.committed ?? 0), 0);
  const { heapTotal } = Deno.memoryUsage();
  assert.ok(
    Math.abs(committed - heapTotal) < heapTotal / 4,
    `spaces ${committed} against heap total ${heapTotal}`,
  );
});
