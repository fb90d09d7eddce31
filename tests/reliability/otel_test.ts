/**
 * Deno's built-in OpenTelemetry: `main.ts` started with `OTEL_DENO=true`
 * serves as usual and exports OTLP traces of its HTTP requests to the
 * configured endpoint (here a loopback receiver this test runs).
 */

import assert from "node:assert/strict";
import { freePort, prepareKv, startServer } from "./_process.ts";

Deno.test({
  name: "otel: with OTEL_DENO=true the app starts, serves, and exports request spans over OTLP",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const received: { path: string; body: string }[] = [];
    const collector = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      async (req) => {
        received.push({ path: new URL(req.url).pathname, body: await req.text() });
        return Response.json({});
      },
    );
    const dir = await Deno.makeTempDir({ prefix: "xmcp-otel-" });
    const port = freePort();
    await prepareKv(dir, `http://127.0.0.1:${port}`);
    const server = await startServer({
      dir,
      port,
      env: {
        OTEL_DENO: "true",
        OTEL_SERVICE_NAME: "xano-mcp-test",
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.addr.port}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        OTEL_METRIC_EXPORT_INTERVAL: "500",
      },
    });
    try {
      const live = await fetch(`http://127.0.0.1:${port}/health/live`);
      assert.equal(live.status, 200);
      await live.body?.cancel();
      const deadline = Date.now() + 10_000;
      const logged = () =>
        received.some((r) => r.path === "/v1/logs" && r.body.includes("listening"));
      while (
        !(received.some((r) => r.path === "/v1/traces") && logged()) && Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(logged(), "our JSON log lines are exported as OTLP logs");
      const traces = received.filter((r) => r.path === "/v1/traces").map((r) => r.body).join("");
      assert.match(traces, /xano-mcp-test/, "spans carry OTEL_SERVICE_NAME");
      assert.match(traces, /GET/, "the HTTP request was traced");
    } finally {
      await server.stop();
      // A keep-alive OTLP connection must not hold the test: give the receiver 2 s to close.
      const closing = new Promise((resolve) => setTimeout(resolve, 2_000));
      await Promise.race([collector.shutdown(), closing]);
      await Deno.remove(dir, { recursive: true });
    }
  },
});
