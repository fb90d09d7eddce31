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
import type { Sandbox } from "../../lib/sandbox/mod.ts";
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

/** Performs every write with `concurrency` in flight; returns the report. */
export async function writeAll(
  client: Client,
  markers: readonly string[],
  options: { concurrency?: number; maxAttempts?: number } = {},
): Promise<WriteReport> {
  const counts = { acked: 0, confirmedByRead: 0, gaveUp: 0, toolErrors: 0, unknownOutcomes: 0 };
  const queue = [...markers];
  const worker = async () => {
    for (let marker = queue.shift(); marker !== undefined; marker = queue.shift()) {
      const fate = await writeOnce(client, marker, options.maxAttempts ?? 12, counts);
      if (fate === "acked") counts.acked++;
      else if (fate === "confirmed_by_read") counts.confirmedByRead++;
      else counts.gaveUp++;
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
    const result = await client.callTool({
      name: "xano_create_table_record",
      arguments: { table_id: PRODUCTS, data: { name: marker, price: 1 } },
    });
    if (!result.isError) return "acked";
    counts.toolErrors++;
    if (UNKNOWN.test(textOf(result))) {
      counts.unknownOutcomes++;
      if (await readBack(client, marker) > 0) return "confirmed_by_read";
    }
    await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
  }
  return "gave_up";
}

/** How many rows carry `marker`, asked through the tools (reads are retried until answered). */
export async function readBack(client: Client, marker: string): Promise<number> {
  let last = "";
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = await client.callTool({
      name: "xano_search_table_content",
      arguments: {
        table_id: PRODUCTS,
        conditions: [{ field: "name", op: "=", value: marker }],
        limit: 10,
      },
    });
    if (!result.isError) {
      return (result.structuredContent as { records: unknown[] }).records.length;
    }
    last = textOf(result);
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * attempt)));
  }
  throw new Error(`Could not read back "${marker}" in 50 attempts; last answer: ${last}`);
}

/** Row counts per marker, read straight from the sandbox with faults off. */
export async function rowsByName(
  sandbox: Sandbox,
  metaUrl: string,
  prefix: string,
): Promise<Map<string, number>> {
  const saved = sandbox.faults.spec;
  sandbox.faults.clear();
  const token = await sandbox.issueToken();
  const counts = new Map<string, number>();
  try {
    for (let page: number | null = 1; page !== null;) {
      const res = await sandbox.fetch(
        new Request(`${metaUrl}/workspace/1/table/${PRODUCTS}/content?page=${page}&per_page=100`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      if (!res.ok) throw new Error(`Sandbox read failed: ${res.status} ${await res.text()}`);
      const body = await res.json() as { items: { name: string }[]; nextPage: number | null };
      for (const row of body.items) {
        if (row.name.startsWith(prefix)) counts.set(row.name, (counts.get(row.name) ?? 0) + 1);
      }
      page = body.nextPage;
    }
  } finally {
    sandbox.faults.set(saved);
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
