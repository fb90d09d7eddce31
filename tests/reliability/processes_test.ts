/**
 * Real `main.ts` processes on one KV file: a kill -9 in the middle of writes
 * and a restart, and two processes serving one client's session in turn.
 */

import assert from "node:assert/strict";
import { freePort, httpClient, prepareKv, startServer } from "./_process.ts";
import { scale } from "./_stack.ts";
import type { Client } from "../../mcp/sdk.ts";
import {
  audit,
  auditAndUsage,
  rowsByName,
  writeAll,
  writeAllBulk,
  type WriteReport,
} from "./_writes.ts";

/** One kill -9 scenario: a writer runs, the server is killed once a third is confirmed. */
interface KillScenario {
  readonly name: string;
  readonly prefix: string;
  readonly writes: number;
  write(
    client: Client,
    markers: readonly string[],
    options: { maxAttempts: number; onAck(acked: number): void },
  ): Promise<WriteReport>;
  /** The least number of audit records the run must leave. */
  readonly minAudited: number;
}

/** Runs `scenario` against a real main.ts, kills it mid-run, restarts it, and checks the books. */
async function killMidRun(scenario: KillScenario): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: `xmcp-${scenario.prefix}` });
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { key, meta } = await prepareKv(dir, origin);
  let server = await startServer({ dir, port });
  const client = await httpClient(key, () => origin);
  const markers = Array.from({ length: scenario.writes }, (_, i) => `${scenario.prefix}${i}`);
  let restart: Promise<void> | undefined;
  const report = await scenario.write(client, markers, {
    maxAttempts: 40,
    onAck(acked) {
      if (acked < Math.floor(scenario.writes / 3) || restart) return;
      restart = (async () => {
        await server.kill();
        server = await startServer({ dir, port });
      })();
    },
  });
  await restart;
  try {
    const rows = await rowsByName(fetch, meta, scenario.prefix);
    const { lost, duplicated } = audit(markers, rows);
    const kv = await Deno.openKv(`${dir}/kv.sqlite3`);
    const books = await auditAndUsage(kv, "u-1");
    kv.close();
    const counts = { lost: lost.length, duplicated: duplicated.length, ...books };
    console.log(JSON.stringify({ scenario: scenario.name, ...report, ...counts }));
    assert.ok(restart, "the server was killed mid-run");
    assert.deepEqual(duplicated, []);
    assert.deepEqual(lost, []);
    assert.equal(report.gaveUp, 0);
    assert.equal(
      books.auditRecords,
      books.usageCalls,
      "audit records and usage counters commit together",
    );
    assert.ok(books.auditRecords >= scenario.minAudited);
  } finally {
    await client.close().catch(() => {});
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

const WRITES = scale(24, 300);

Deno.test({
  name:
    `processes: kill -9 in the middle of ${WRITES} writes, restart on the same KV: the session resumes, no write lost or duplicated, audit and usage agree`,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    killMidRun({
      name: "kill -9",
      prefix: "kill-",
      writes: WRITES,
      write: writeAll,
      minAudited: WRITES,
    }),
});

const BULK_WRITES = scale(60, 500);

Deno.test({
  name:
    `processes: kill -9 in the middle of bulk writes (${BULK_WRITES} records in batches of 10 with match_field), restart: none lost or duplicated`,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    killMidRun({
      name: "kill -9, bulk",
      prefix: "bulk-",
      writes: BULK_WRITES,
      write: writeAllBulk,
      minAudited: BULK_WRITES / 10,
    }),
});

Deno.test({
  name:
    "processes: two servers on one KV serve one client's session and token in turn, writes land exactly once",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "xmcp-pair-" });
    const [portA, portB] = [freePort(), freePort()];
    const origins = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    const { key, meta } = await prepareKv(dir, origins[0]!);
    const servers = await Promise.all([
      startServer({ dir, port: portA }),
      startServer({ dir, port: portB }),
    ]);
    const hits = [0, 0];
    let turn = 0;
    const client = await httpClient(key, () => {
      const i = turn++ % 2;
      hits[i]!++;
      return origins[i]!;
    });
    try {
      const tools = await client.listTools();
      assert.ok(tools.tools.some((t) => t.name === "xano_create_table_record"));
      const markers = Array.from({ length: scale(20, 200) }, (_, i) => `pair-${i}`);
      const report = await writeAll(client, markers);
      const rows = await rowsByName(fetch, meta, "pair-");
      const { lost, duplicated } = audit(markers, rows);
      const kv = await Deno.openKv(`${dir}/kv.sqlite3`);
      const books = await auditAndUsage(kv, "u-1");
      kv.close();
      console.log(
        JSON.stringify({
          scenario: "two processes",
          hits,
          ...report,
          lost: lost.length,
          duplicated: duplicated.length,
          ...books,
        }),
      );
      assert.ok(hits[0]! > 10 && hits[1]! > 10, `both processes served: ${hits}`);
      assert.deepEqual(duplicated, []);
      assert.deepEqual(lost, []);
      assert.equal(books.auditRecords, books.usageCalls);
    } finally {
      for (const s of servers) for (const line of s.errors()) console.error(line);
      await client.close().catch(() => {});
      await Promise.all(servers.map((s) => s.stop()));
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "processes: a token's rate limit is shared by two servers on one KV",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "xmcp-limit-" });
    const ports = [freePort(), freePort()];
    // Each process re-reads the other's counts at most every 50 ms (MCP_RATE_LIMIT_SYNC): the
    // requests are spaced wider than that, so the shared budget is exact.
    const env = {
      MCP_RATE_LIMIT_TOKEN: "10/1m",
      MCP_RATE_LIMIT_IP: "off",
      MCP_RATE_LIMIT_SYNC: "50ms",
    };
    // Seeded first: two processes seeding one fresh sandbox at once collide (see README).
    await prepareKv(dir, `http://127.0.0.1:${ports[0]}`);
    const servers = await Promise.all(ports.map((port) => startServer({ dir, port, env })));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 14; i++) {
        const res = await fetch(`http://127.0.0.1:${ports[i % 2]}/mcp`, {
          method: "POST",
          headers: {
            authorization: "Bearer shared-token-0123456789",
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
          },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
        });
        await res.body?.cancel();
        statuses.push(res.status);
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
      assert.deepEqual(statuses.filter((s) => s === 401).length, 10, statuses.join(","));
      assert.deepEqual(statuses.slice(10), [429, 429, 429, 429]);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await Deno.remove(dir, { recursive: true });
    }
  },
});
