/**
 * A careful MCP client's write protocol, and the read-back that checks it.
 * Each logical write creates one `products` row named by a unique marker. On
 * an error the client does what the tool's answer tells a model to do: when
 * the outcome is unknown ("may or may not have been applied"), read the table
 * first and only repeat the write when the row is not there; otherwise retry.
 * Afterwards every marker must exist exactly once: a missing acknowledged row
 * is a lost write, a second row a duplicated one.
 */

import type { Client } from "../../mcp/sdk.ts";
import { textOf } from "./_stack.ts";

/** The seeded `products` table of workspace 1. */
export const PRODUCTS = 2;

/** What became of one logical write. */
export type WriteFate = "acked" | "confirmed_by_read" | "gave_up";

/** Counts of a run. */
export interface WriteReport {
  readonly writes: number;
  readonly acked: number;
  readonly confirmedByRead: number;
  readonly gaveUp: number;
  readonly toolErrors: number;
  readonly unknownOutcomes: number;
}

const UNKNOWN = /may or may not have been applied/;
/** No call may hang a run: an unanswered call counts as an unknown outcome after this. */
const CALL = { timeout: 5_000 };

/** Performs every write with `concurrency` in flight; returns the report. */
export async function writeAll(
  client: Client,
  markers: readonly string[],
  options: { concurrency?: number; maxAttempts?: number; onAck?: (acked: number) => void } = {},
): Promise<WriteReport> {
  const counts = { acked: 0, confirmedByRead: 0, gaveUp: 0, toolErrors: 0, unknownOutcomes: 0 };
  const queue = [...markers];
  const worker = async () => {
    for (let marker = queue.shift(); marker !== undefined; marker = queue.shift()) {
      const fate = await writeOnce(client, marker, options.maxAttempts ?? 12, counts);
      if (fate === "acked") counts.acked++;
      else if (fate === "confirmed_by_read") counts.confirmedByRead++;
      else counts.gaveUp++;
      if (fate !== "gave_up") options.onAck?.(counts.acked + counts.confirmedByRead);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { writes: markers.length, ...counts };
}

async function writeOnce(
  client: Client,
  marker: string,
  maxAttempts: number,
  counts: { toolErrors: number; unknownOutcomes: number },
): Promise<WriteFate> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let text: string;
    try {
      const result = await client.callTool(
        {
          name: "xano_create_table_record",
          arguments: { table_id: PRODUCTS, data: { name: marker, price: 1 } },
        },
        undefined,
        CALL,
      );
      if (!result.isError) return "acked";
      text = textOf(result);
    } catch (error) {
      // No answer at all (the server died mid-call): as unknown as an outcome gets.
      text = `may or may not have been applied: ${error}`;
    }
    counts.toolErrors++;
    if (UNKNOWN.test(text)) {
      counts.unknownOutcomes++;
      if (await readBack(client, marker) > 0) return "confirmed_by_read";
    }
    await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
  }
  return "gave_up";
}

/**
 * Performs the writes in batches through `xano_bulk_create_records` with `match_field: "name"`,
 * as the tool tells a model to: whenever a batch is not fully confirmed (an error, no answer,
 * items failed or unknown), the whole batch is sent again, and the match field makes the
 * repeat skip what already landed. `onAck` gets the number of markers confirmed so far.
 */
export async function writeAllBulk(
  client: Client,
  markers: readonly string[],
  options: {
    batch?: number;
    concurrency?: number;
    maxAttempts?: number;
    onAck?: (acked: number) => void;
  } = {},
): Promise<WriteReport> {
  const counts = { acked: 0, confirmedByRead: 0, gaveUp: 0, toolErrors: 0, unknownOutcomes: 0 };
  const size = options.batch ?? 10;
  const batches: string[][] = [];
  for (let i = 0; i < markers.length; i += size) batches.push(markers.slice(i, i + size));
  const worker = async () => {
    for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
      let done = false;
      for (let attempt = 1; attempt <= (options.maxAttempts ?? 12) && !done; attempt++) {
        try {
          const result = await client.callTool(
            {
              name: "xano_bulk_create_records",
              arguments: {
                table_id: PRODUCTS,
                records: batch.map((name) => ({ name, price: 1 })),
                match_field: "name",
              },
            },
            undefined,
            CALL,
          );
          const tally = (result.structuredContent as { counts?: Record<string, number> })?.counts;
          const landed = (tally?.created ?? 0) + (tally?.existing ?? 0);
          if (!result.isError && landed === batch.length) done = true;
          else {
            counts.toolErrors++;
            if ((tally?.unknown ?? 0) > 0) counts.unknownOutcomes++;
          }
        } catch {
          counts.toolErrors++;
          counts.unknownOutcomes++; // no answer: the batch may have landed in part
        }
        if (!done) await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
      }
      if (done) {
        counts.acked += batch.length;
        options.onAck?.(counts.acked);
      } else counts.gaveUp += batch.length;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 3 }, worker));
  return { writes: markers.length, ...counts };
}

/** How many rows carry `marker`, asked through the tools (reads are retried until answered). */
export async function readBack(client: Client, marker: string): Promise<number> {
  let last = "";
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const result = await client.callTool(
        {
          name: "xano_search_table_content",
          arguments: {
            table_id: PRODUCTS,
            conditions: [{ field: "name", op: "=", value: marker }],
            limit: 10,
          },
        },
        undefined,
        CALL,
      );
      if (!result.isError) {
        return (result.structuredContent as { records: unknown[] }).records.length;
      }
      last = textOf(result);
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * attempt)));
  }
  throw new Error(`Could not read back "${marker}" in 50 attempts; last answer: ${last}`);
}

/** Row counts per marker, read straight from a sandbox's Metadata API (faults off). */
export async function rowsByName(
  fetch: (request: Request) => Promise<Response>,
  meta: { readonly url: string; readonly token: string },
  prefix: string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let page: number | null = 1; page !== null;) {
    const res = await fetch(
      new Request(`${meta.url}/workspace/1/table/${PRODUCTS}/content?page=${page}&per_page=100`, {
        headers: { authorization: `Bearer ${meta.token}` },
      }),
    );
    if (!res.ok) throw new Error(`Sandbox read failed: ${res.status} ${await res.text()}`);
    const body = await res.json() as { items: { name: string }[]; nextPage: number | null };
    for (const row of body.items) {
      if (row.name.startsWith(prefix)) counts.set(row.name, (counts.get(row.name) ?? 0) + 1);
    }
    page = body.nextPage;
  }
  return counts;
}

/** Markers missing from `rows` (lost) and markers with more than one row (duplicated). */
export function audit(
  markers: readonly string[],
  rows: Map<string, number>,
): { lost: string[]; duplicated: string[] } {
  return {
    lost: markers.filter((m) => (rows.get(m) ?? 0) === 0),
    duplicated: markers.filter((m) => (rows.get(m) ?? 0) > 1),
  };
}

/** Audit records of `userId` and the sum of its usage `calls` counters; equal when KV is consistent. */
export async function auditAndUsage(
  kv: Deno.Kv,
  userId: string,
): Promise<{ auditRecords: number; usageCalls: number }> {
  let auditRecords = 0;
  for await (const _ of kv.list({ prefix: ["audit", userId] })) auditRecords++;
  let usageCalls = 0;
  for await (const entry of kv.list<Deno.KvU64>({ prefix: ["usage", userId] })) {
    if (entry.key.at(-1) === "calls") usageCalls += Number(entry.value.value);
  }
  return { auditRecords, usageCalls };
}
