/**
 * Helpers every KV store is built from. Stores are factories that take
 * `{ kv, clock }` (no module-level handles) and use these helpers so that:
 *
 * - expiry is checked on read ({@link Expiring}), because KV's own `expireIn`
 *   is only a lazy sweep that runs about once a minute;
 * - a record and its indexes are created together or not at all
 *   ({@link createWithIndexes});
 * - a failed commit becomes a {@link ConflictError}, never a silent loss.
 *
 * @example
 * ```ts
 * const kv = await Deno.openKv(":memory:");
 * await createWithIndexes(kv, {
 *   key: keys.user("u-1"),
 *   value: { id: "u-1" },
 *   indexes: [{ key: keys.userByIdentity("email:a@b.c"), value: "u-1" }],
 * });
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import { ConflictError } from "../errors.ts";
import type { Key } from "./keys.ts";

/** A record that carries its own expiry time (epoch ms). */
export interface Expiring {
  readonly expiresAt: number;
}

/** A pointer or secondary-index entry written beside a record. */
export interface IndexEntry {
  readonly key: Key;
  readonly value: unknown;
}

/** Input of {@link createWithIndexes}. */
export interface CreateInput<T> {
  readonly key: Key;
  readonly value: T;
  readonly indexes?: readonly IndexEntry[];
  /** Lifetime in ms; sets both KV's lazy `expireIn` and must match the value's `expiresAt`. */
  readonly expireIn?: number;
}

/**
 * Creates a record and its index entries in one atomic commit, only if none of
 * the keys exist. Throws {@link ConflictError} otherwise.
 */
export async function createWithIndexes<T>(kv: Deno.Kv, input: CreateInput<T>): Promise<void> {
  const options = input.expireIn === undefined ? undefined : { expireIn: input.expireIn };
  const op = kv.atomic().check({ key: input.key, versionstamp: null }).set(
    input.key,
    input.value,
    options,
  );
  for (const index of input.indexes ?? []) {
    op.check({ key: index.key, versionstamp: null }).set(index.key, index.value, options);
  }
  await commitOrThrow(op, `Cannot create record ${describeKey(input.key)}: it already exists`);
}

/** Commits an atomic operation or throws {@link ConflictError} with `message`. */
export async function commitOrThrow(
  op: Deno.AtomicOperation,
  message: string,
): Promise<Deno.KvCommitResult> {
  const result = await op.commit();
  if (!result.ok) throw new ConflictError(message);
  return result;
}

/**
 * Reads a record that carries `expiresAt`; returns `null` when it is absent or
 * expired, whatever KV's lazy sweep has done so far.
 */
export async function getLive<T extends Expiring>(
  kv: Deno.Kv,
  key: Key,
  clock: Clock,
): Promise<Deno.KvEntryMaybe<T>> {
  const entry = await kv.get<T>(key);
  if (entry.value !== null && entry.value.expiresAt <= clock.now()) {
    return { key: entry.key, value: null, versionstamp: null };
  }
  return entry;
}

/**
 * Reads and deletes a record atomically: of two concurrent callers only one gets
 * the value (single-use codes, confirmation tokens). Expired records read as `null`.
 */
export async function takeOnce<T extends Expiring>(
  kv: Deno.Kv,
  key: Key,
  clock: Clock,
): Promise<T | null> {
  const entry = await kv.get<T>(key);
  if (entry.value === null) return null;
  const result = await kv.atomic().check(entry).delete(key).commit();
  if (!result.ok) return null;
  return entry.value.expiresAt > clock.now() ? entry.value : null;
}

/** Lists every value under a prefix, in key order, up to `limit`. */
export async function listValues<T>(kv: Deno.Kv, prefix: Key, limit = 1000): Promise<T[]> {
  const values: T[] = [];
  for await (const entry of kv.list<T>({ prefix }, { limit })) values.push(entry.value);
  return values;
}

/** A readable rendering of a key for messages (never includes hashed secrets in full). */
export function describeKey(key: Key): string {
  return key.map((part) => {
    const text = String(part);
    return text.length > 24 ? `${text.slice(0, 8)}…` : text;
  }).join("/");
}
