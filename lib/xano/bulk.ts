/**
 * Chunked bulk writes with a result per item, so a partial failure says
 * exactly which items landed.
 *
 * ## Why a retry never duplicates a record
 * `bulkCreate` is not idempotent: after a chunk fails in a way that leaves its
 * fate unclear (5xx, timeout, connection broken after sending, an answer that
 * cannot be read), re-sending blindly could create every record twice. So:
 *
 * - With a `matchField` (a field whose value is unique per item, such as a
 *   `sku`, an email or a client-made UUID; or `id` with `allowIdField`), the
 *   chunk is **verified by reading back**: a search for the chunk's values
 *   finds the items that landed (they are reported `created` with their ids)
 *   and only the missing ones are sent again, for up to `maxRounds` rounds.
 *   Items whose value already existed before the first send are reported
 *   `existing` and never sent, which also makes repeating a whole bulk call safe.
 * - Without a `matchField` nothing can be verified, so the chunk is **not
 *   re-sent**: its items are reported `unknown`, with a next step that says how
 *   to check.
 *
 * Requests that provably never reached Xano (429, connection refused) are
 * repeated by the transport as usual; they cannot duplicate anything.
 *
 * @module
 */

import { BadRequestError } from "../errors.ts";
import { XanoError } from "./errors.ts";
import type { BulkResult } from "./schemas.ts";

/** What happened to one input item. */
export type ItemResult =
  | { readonly index: number; readonly status: "created"; readonly id: number | string }
  /** The `matchField` value was already in the table before sending; nothing was sent. */
  | { readonly index: number; readonly status: "existing"; readonly id: number | string }
  | { readonly index: number; readonly status: "updated" | "deleted"; readonly id: number | string }
  /** Verified not applied. */
  | { readonly index: number; readonly status: "failed"; readonly error: ItemError }
  /** May or may not have been applied. */
  | { readonly index: number; readonly status: "unknown"; readonly error: ItemError };

/** A failure summary safe to show to the AI. */
export interface ItemError {
  readonly category: string;
  readonly message: string;
  readonly nextStep: string;
}

/** The outcome of a bulk operation. */
export interface BulkReport {
  /** One entry per input item, in input order. */
  readonly results: readonly ItemResult[];
  readonly counts: Readonly<Record<ItemResult["status"], number>>;
  readonly chunks: number;
  /** Chunks that were verified by reading back after an unclear failure. */
  readonly verifications: number;
}

/** The raw calls bulk operations are built from (the content methods provide them). */
export interface BulkOps {
  /** One `POST …/content/bulk`; resolves to the new ids in input order. */
  createChunk(items: readonly Record<string, unknown>[]): Promise<(number | string)[]>;
  /** Finds records whose `field` is one of `values`; returns value → id. */
  lookup(field: string, values: readonly unknown[]): Promise<Map<string, number | string>>;
}

/** Options of {@link bulkCreate}. */
export interface BulkCreateOptions {
  /** Items per request (default 100). */
  readonly chunkSize?: number;
  /** A field unique per item, used to verify unclear failures (see the module notes). */
  readonly matchField?: string;
  /** Send-and-verify rounds per chunk (default 4). */
  readonly maxRounds?: number;
}

/**
 * Creates `items` in chunks; see the module notes for the no-duplicate rule.
 *
 * @example
 * ```ts
 * const report = await bulkCreate(ops, rows, { matchField: "sku" });
 * report.counts.created; // rows that landed
 * ```
 */
export async function bulkCreate(
  ops: BulkOps,
  items: readonly Record<string, unknown>[],
  options: BulkCreateOptions = {},
): Promise<BulkReport> {
  const chunkSize = options.chunkSize ?? 100;
  const field = options.matchField;
  if (field !== undefined) checkKeys(items, field);
  const results: ItemResult[] = new Array(items.length);
  let verifications = 0;
  let chunks = 0;
  let fatal: XanoError | undefined;

  for (let start = 0; start < items.length; start += chunkSize) {
    const indexes = range(start, Math.min(items.length, start + chunkSize));
    chunks++;
    if (fatal) {
      for (const index of indexes) results[index] = failed(index, fatal, "not sent");
      continue;
    }
    let pending = indexes;
    if (field !== undefined) {
      const found = await safeLookup(ops, field, pending.map((i) => items[i]![field]));
      if (found instanceof XanoError) {
        for (const index of pending) results[index] = failed(index, found, "not sent");
        continue;
      }
      pending = settleFound(pending, items, field, found, results, "existing");
    }
    for (let round = 0; pending.length > 0; round++) {
      const sent = pending;
      const outcome = await send(ops, sent.map((i) => items[i]!));
      if (Array.isArray(outcome)) {
        sent.forEach((index, k) => results[index] = { index, status: "created", id: outcome[k]! });
        pending = [];
        break;
      }
      if (isDefinitive(outcome)) {
        for (const index of sent) results[index] = failed(index, outcome);
        if (isFatal(outcome)) fatal = outcome;
        pending = [];
        break;
      }
      if (field === undefined) {
        for (const index of sent) results[index] = unknown(index, outcome);
        pending = [];
        break;
      }
      verifications++;
      const found = await safeLookup(ops, field, sent.map((i) => items[i]![field]));
      if (found instanceof XanoError) {
        for (const index of sent) results[index] = unknown(index, outcome);
        pending = [];
        break;
      }
      pending = settleFound(sent, items, field, found, results, "created");
      if (round + 1 >= (options.maxRounds ?? 4)) {
        // Verified absent after the last round: definitely not created.
        for (const index of pending) results[index] = failed(index, outcome);
        pending = [];
      }
    }
  }
  return { results, counts: countResults(results), chunks, verifications };
}

/** Tallies results by status. */
export function countResults(results: readonly ItemResult[]): Record<ItemResult["status"], number> {
  const counts = { created: 0, existing: 0, updated: 0, deleted: 0, failed: 0, unknown: 0 };
  for (const result of results) counts[result.status]++;
  return counts;
}

/** A summary of `error` for one item. */
export function itemError(error: XanoError, note?: string): ItemError {
  return {
    category: error.category,
    message: note ? `${error.message} (${note})` : error.message,
    nextStep: error.nextStep,
  };
}

async function send(
  ops: BulkOps,
  items: readonly Record<string, unknown>[],
): Promise<(number | string)[] | XanoError> {
  try {
    const ids = await ops.createChunk(items);
    if (ids.length === items.length) return ids;
    return new XanoError(
      `Cannot create records: Xano returned ${ids.length} ids for ${items.length} items`,
      {
        category: "bad_response",
        delivered: "yes",
        nextStep: "Browse the table to see which records exist",
      },
    );
  } catch (error) {
    if (error instanceof XanoError) return error;
    throw error;
  }
}

async function safeLookup(
  ops: BulkOps,
  field: string,
  values: readonly unknown[],
): Promise<Map<string, number | string> | XanoError> {
  try {
    return await ops.lookup(field, values);
  } catch (error) {
    if (error instanceof XanoError) return error;
    throw error;
  }
}

/** Marks pending items whose key was found; returns the rest. */
function settleFound(
  pending: readonly number[],
  items: readonly Record<string, unknown>[],
  field: string,
  found: Map<string, number | string>,
  results: ItemResult[],
  status: "created" | "existing",
): number[] {
  const rest: number[] = [];
  for (const index of pending) {
    const id = found.get(keyOf(items[index]![field]));
    if (id === undefined) rest.push(index);
    else results[index] = { index, status, id };
  }
  return rest;
}

/** An error that proves the chunk was not applied. */
function isDefinitive(error: XanoError): boolean {
  if (error.delivered === "no") return true;
  if (error.delivered !== "yes") return false;
  return !["upstream_down", "timeout", "bad_response", "unknown_outcome"].includes(error.category);
}

/** An error that every later chunk would hit too. */
function isFatal(error: XanoError): boolean {
  return ["auth_expired", "forbidden", "not_found"].includes(error.category);
}

function failed(index: number, error: XanoError, note?: string): ItemResult {
  return { index, status: "failed", error: itemError(error, note) };
}

function unknown(index: number, error: XanoError): ItemResult {
  return {
    index,
    status: "unknown",
    error: {
      category: "unknown_outcome",
      message: `${error.message} (this item may or may not have been created)`,
      nextStep:
        "Browse or search the table for these items before creating them again; pass matchField next time so the client can verify and retry safely",
    },
  };
}

function checkKeys(items: readonly Record<string, unknown>[], field: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = item[field];
    if (value === undefined || value === null || value === "") {
      throw new BadRequestError(
        `Cannot create records: item ${index} has no "${field}", which matchField requires on every item`,
      );
    }
    const key = keyOf(value);
    if (seen.has(key)) {
      throw new BadRequestError(
        `Cannot create records: items share the ${field} ${
          JSON.stringify(value)
        }; matchField values must be unique`,
      );
    }
    seen.add(key);
  });
}

/** The lookup key of a match value (numbers and numeric strings compare equal). */
export function keyOf(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

/**
 * Runs an idempotent per-id bulk call in chunks. Xano's `success` list names the
 * ids it applied; ids it does not name are reported `failed` (not found or not
 * applied). When Xano reports only a count, a chunk whose count covers every id
 * is all applied and a short count leaves its ids `unknown`.
 */
export async function bulkById(
  ids: readonly (number | string)[],
  chunkSize = 100,
  status: "updated" | "deleted",
  call: (start: number, end: number) => Promise<BulkResult>,
): Promise<BulkReport> {
  const results: ItemResult[] = [];
  let chunks = 0;
  for (let start = 0; start < ids.length; start += chunkSize) {
    const end = Math.min(ids.length, start + chunkSize);
    chunks++;
    try {
      const answer = await call(start, end);
      const named = Array.isArray(answer.success)
        ? new Set(answer.success.map((entry) => keyOf(idOf(entry))))
        : undefined;
      const total = answer.success_total ??
        (typeof answer.success === "number" ? answer.success : undefined);
      for (let index = start; index < end; index++) {
        const id = ids[index]!;
        if (named ? named.has(keyOf(id)) : total === end - start || answer.success === true) {
          results.push({ index, status, id });
        } else if (named) {
          results.push({
            index,
            status: "failed",
            error: {
              category: "not_found",
              message: `Record ${
                JSON.stringify(id)
              } was not ${status}: Xano did not list it as applied`,
              nextStep: "Check that the record id exists with a browse or search",
            },
          });
        } else {
          results.push({
            index,
            status: "unknown",
            error: {
              category: "unknown_outcome",
              message: `Xano applied ${total ?? "an unknown number"} of ${
                end - start
              } items in this chunk`,
              nextStep: "Read the records back to see which ones changed",
            },
          });
        }
      }
    } catch (error) {
      if (!(error instanceof XanoError)) throw error;
      const definite = error.delivered === "no" ||
        (error.delivered === "yes" && !["upstream_down", "timeout"].includes(error.category));
      for (let index = start; index < end; index++) {
        results.push(
          definite
            ? { index, status: "failed", error: itemError(error) }
            : { index, status: "unknown", error: itemError(error) },
        );
      }
    }
  }
  return { results, counts: countResults(results), chunks, verifications: 0 };
}

function idOf(entry: unknown): unknown {
  if (entry && typeof entry === "object" && "id" in entry) return (entry as { id: unknown }).id;
  if (entry && typeof entry === "object" && "row_id" in entry) {
    return (entry as { row_id: unknown }).row_id;
  }
  return entry;
}
