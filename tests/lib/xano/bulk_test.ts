import assert from "node:assert/strict";
import { BadRequestError } from "../../../lib/errors.ts";
import { bulkCreate, type BulkOps, keyOf } from "../../../lib/xano/bulk.ts";
import { XanoError } from "../../../lib/xano/errors.ts";

/** A table in memory whose bulk insert fails as told, before or after applying. */
function table(plan: ("ok" | "fail-before" | "fail-after" | "reject")[]) {
  const rows: Record<string, unknown>[] = [];
  let call = 0;
  const ops: BulkOps = {
    createChunk(items) {
      const step = plan[call++] ?? "ok";
      if (step === "reject") {
        return Promise.reject(
          new XanoError("bad", { category: "validation", nextStep: "fix", upstreamStatus: 400 }),
        );
      }
      if (step === "fail-before") {
        return Promise.reject(
          new XanoError("down", { category: "upstream_down", nextStep: "", upstreamStatus: 500 }),
        );
      }
      const ids = items.map((item) => {
        rows.push({ ...item, id: rows.length + 1 });
        return rows.length;
      });
      if (step === "fail-after") {
        return Promise.reject(
          new XanoError("lost", { category: "unknown_outcome", nextStep: "", delivered: "maybe" }),
        );
      }
      return Promise.resolve(ids);
    },
    lookup(field, values) {
      const wanted = new Set(values.map(keyOf));
      return Promise.resolve(
        new Map(
          rows.filter((row) => wanted.has(keyOf(row[field]))).map((row) => [
            keyOf(row[field]),
            row.id as number,
          ]),
        ),
      );
    },
  };
  return { ops, rows };
}

const items = Array.from({ length: 10 }, (_, i) => ({ sku: `s-${i}` }));

Deno.test("bulk: unclear failures are verified by reading back and never duplicate", async () => {
  const { ops, rows } = table(["fail-after", "fail-before", "ok", "fail-after", "ok"]);
  const report = await bulkCreate(ops, items, { chunkSize: 4, matchField: "sku" });
  assert.equal(rows.length, 10);
  assert.equal(new Set(rows.map((row) => row.sku)).size, 10);
  assert.equal(report.counts.created, 10);
  assert.deepEqual(report.results.map((r) => r.index), [...items.keys()]);
  assert.ok(report.verifications >= 2);
});

Deno.test("bulk: items already present are reported existing and not sent again", async () => {
  const { ops, rows } = table([]);
  await bulkCreate(ops, items.slice(0, 3), { matchField: "sku" });
  const report = await bulkCreate(ops, items, { matchField: "sku" });
  assert.equal(rows.length, 10);
  assert.equal(report.counts.existing, 3);
  assert.equal(report.counts.created, 7);
});

Deno.test("bulk: without matchField an unclear chunk is unknown, never re-sent", async () => {
  const { ops, rows } = table(["ok", "fail-after", "ok"]);
  const report = await bulkCreate(ops, items, { chunkSize: 4 });
  assert.equal(rows.length, 10);
  assert.deepEqual(report.counts, {
    created: 6,
    existing: 0,
    updated: 0,
    deleted: 0,
    failed: 0,
    unknown: 4,
  });
  const unknown = report.results[4]!;
  assert.equal(unknown.status, "unknown");
  assert.match(unknown.status === "unknown" ? unknown.error.nextStep : "", /matchField/);
});

Deno.test("bulk: a rejected chunk fails its items and the others still land", async () => {
  const { ops, rows } = table(["ok", "reject", "ok"]);
  const report = await bulkCreate(ops, items, { chunkSize: 4, matchField: "sku" });
  assert.equal(rows.length, 6);
  assert.deepEqual(report.results.map((r) => r.status), [
    ...Array(4).fill("created"),
    ...Array(4).fill("failed"),
    ...Array(2).fill("created"),
  ]);
});

Deno.test("bulk: matchField values must be present and unique", async () => {
  const { ops } = table([]);
  await assert.rejects(bulkCreate(ops, [{ sku: "a" }, {}], { matchField: "sku" }), BadRequestError);
  await assert.rejects(
    bulkCreate(ops, [{ sku: "a" }, { sku: "a" }], { matchField: "sku" }),
    /must be unique/,
  );
});
