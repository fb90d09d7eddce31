/**
 * Fault matrix: writes through the real app and the real MCP SDK client while
 * the sandbox injects one kind of fault (or all of them), then a read-back of
 * every row. The check is exact: each logical write exists exactly once.
 */

import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import { scale, stack } from "./_stack.ts";
import { audit, rowsByName, writeAll } from "./_writes.ts";

const WRITES = scale(12, 200);

/**
 * One row per fault kind, then all of them together. `tokenTtl`: the sign-in
 * (auth API) token stays valid while every Metadata API token lives this long,
 * so the client keeps renewing it mid-run.
 */
const CELLS: readonly { name: string; faults: string; tokenTtl?: string }[] = [
  { name: "latency", faults: "latency=1ms..15ms,seed=11" },
  { name: "5xx before the write", faults: "error_rate=0.25,error_status=503,seed=12" },
  { name: "5xx after the write (ambiguous)", faults: "error_after_write_rate=0.25,seed=13" },
  { name: "429 with Retry-After", faults: "rate_limit=0.2,retry_after=1s,seed=14" },
  { name: "dropped connections", faults: "drop_rate=0.25,seed=15" },
  { name: "drop after the write (ambiguous)", faults: "drop_after_write_rate=0.25,seed=16" },
  { name: "Metadata token expiry", faults: "seed=17", tokenTtl: "60ms" },
  {
    name: "everything at once",
    faults:
      "latency=0ms..5ms,error_rate=0.1,error_after_write_rate=0.1,rate_limit=0.05,retry_after=1s,drop_rate=0.1,drop_after_write_rate=0.1,seed=18",
    tokenTtl: "100ms",
  },
];

for (const cell of CELLS) {
  Deno.test(`fault matrix: ${cell.name}: ${WRITES} writes, none lost or duplicated`, async () => {
    using kv = await memoryKv();
    const s = await stack(kv, {
      credential: cell.tokenTtl ? "account" : "token",
      metaTokenTtl: cell.tokenTtl,
    });
    const client = await s.connect();
    const prefix = `rel-${cell.name.replace(/\W+/g, "-")}-`;
    const markers = Array.from({ length: WRITES }, (_, i) => `${prefix}${i}`);
    s.sandbox.faults.set(cell.tokenTtl ? `${cell.faults},token_ttl=${cell.tokenTtl}` : cell.faults);
    let report;
    try {
      report = await writeAll(client, markers);
    } finally {
      s.sandbox.faults.clear();
    }
    const rows = await rowsByName(s.sandbox, s.sandbox.urls("http://sandbox.local").meta, prefix);
    const { lost, duplicated } = audit(markers, rows);
    console.log(JSON.stringify({
      cell: cell.name,
      ...report,
      lost: lost.length,
      duplicated: duplicated.length,
      renewals: s.xano.refresher.stats().succeeded,
    }));
    assert.deepEqual(duplicated, [], "duplicated writes");
    assert.deepEqual(lost, [], "lost writes");
    assert.equal(report.gaveUp, 0);
    await client.close();
  });
}
