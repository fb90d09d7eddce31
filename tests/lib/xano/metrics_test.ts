import assert from "node:assert/strict";
import { createMetrics } from "../../../lib/metrics.ts";
import { createXanoClient } from "../../../lib/xano/client.ts";
import { xanoMetricsObserver } from "../../../lib/xano/metrics.ts";
import { createXanoResilience } from "../../../lib/xano/resilience.ts";
import { fakeFetch, FAST, json, TOKEN } from "./_fake.ts";

Deno.test("metrics: client events reach the Prometheus instruments", async () => {
  const metrics = createMetrics();
  const fake = fakeFetch((seen) =>
    seen.url.pathname.endsWith("/table/9")
      ? json({ message: "x" }, 404)
      : json([{ id: 1, name: "w" }])
  );
  const resilience = createXanoResilience({
    ...FAST,
    maxAttempts: 1,
    breakerThreshold: 1,
    observer: xanoMetricsObserver(metrics),
  });
  const xano = createXanoClient({ fetch: fake.fetch, credentials: TOKEN, resilience });
  await xano.listWorkspaces();
  await xano.listWorkspaces();
  await xano.getTable(1, 9).catch(() => {});
  const text = await metrics.render();
  assert.match(text, /xano_upstream_requests_total\{host="x.test",status="2xx"\} 1/);
  assert.match(text, /xano_upstream_requests_total\{host="x.test",status="4xx"\} 1/);
  assert.match(text, /xano_read_cache_lookups_total\{result="hit"\} 1/);
  assert.match(text, /xano_read_cache_lookups_total\{result="miss"\} 2/);
  assert.match(text, /xano_upstream_errors_total\{category="not_found"\} 1/);
  const down = createXanoClient({
    fetch: () => Promise.resolve(json({}, 500)),
    credentials: TOKEN,
    resilience,
  });
  await down.listRequestHistory(1).catch(() => {});
  assert.match(await metrics.render(), /xano_circuit_state\{host="x.test"\} 2/);
});
