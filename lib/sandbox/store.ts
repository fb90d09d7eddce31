/**
 * Where the sandbox keeps its state: a tiny ordered key-value interface with
 * two implementations, Deno KV (keys under `keys.sandbox(…)`) and plain
 * memory for tests. Values are copied in and out, as KV does, so callers can
 * never mutate stored state by accident.
 *
 * Atomicity: the sandbox serialises every request through one lock, so a
 * {@link SandboxStore.commit} is never observed half-done by another request.
 * KV commits larger than {@link KV_BATCH} mutations are split into batches.
 *
 * @module
 */

import { keys } from "../kv/keys.ts";

/** A key below the sandbox namespace: collection first, then ids. */
export type StoreKey = readonly [string, ...Deno.KvKeyPart[]];

/** One change in a {@link SandboxStore.commit}. */
export type Mutation =
  | { readonly type: "set"; readonly key: StoreKey; readonly value: unknown }
  | { readonly type: "delete"; readonly key: StoreKey };

/** Ordered key-value storage for sandbox state. */
export interface SandboxStore {
  get<T>(key: StoreKey): Promise<T | null>;
  /** Every value whose key starts with `prefix`, in key order. */
  list<T>(prefix: StoreKey): Promise<T[]>;
  /** One slice of {@link list} and the total count, without copying the rest. */
  slice<T>(prefix: StoreKey, offset: number, limit: number): Promise<{ items: T[]; total: number }>;
  /** Every key and value whose key starts with `prefix`, in key order. */
  entries<T>(prefix: StoreKey): Promise<{ key: StoreKey; value: T }[]>;
  /** Deletes everything the sandbox stored. */
  clear(): Promise<void>;
  /** Applies every mutation, in order. */
  commit(mutations: readonly Mutation[]): Promise<void>;
}

/** Largest number of mutations sent to KV in one atomic commit. */
export const KV_BATCH = 500;

/**
 * A store over Deno KV; sandbox keys are `["sandbox", collection, …ids]`.
 *
 * @example
 * ```ts
 * const store = kvStore(await Deno.openKv(":memory:"));
 * await store.commit([{ type: "set", key: ["tables", 1, 2], value: { id: 2 } }]);
 * ```
 */
export function kvStore(kv: Deno.Kv): SandboxStore {
  const full = (key: StoreKey) => keys.sandbox(key[0], ...key.slice(1));
  return {
    async get<T>(key: StoreKey) {
      return (await kv.get<T>(full(key))).value;
    },
    async list<T>(prefix: StoreKey) {
      const values: T[] = [];
      for await (const entry of kv.list<T>({ prefix: full(prefix) })) values.push(entry.value);
      return values;
    },
    async slice<T>(prefix: StoreKey, offset: number, limit: number) {
      const items: T[] = [];
      let total = 0;
      for await (const entry of kv.list<T>({ prefix: full(prefix) })) {
        if (total >= offset && total < offset + limit) items.push(entry.value);
        total++;
      }
      return { items, total };
    },
    async entries<T>(prefix: StoreKey) {
      const found: { key: StoreKey; value: T }[] = [];
      for await (const entry of kv.list<T>({ prefix: full(prefix) })) {
        found.push({ key: entry.key.slice(1) as unknown as StoreKey, value: entry.value });
      }
      return found;
    },
    async clear() {
      const doomed: Deno.KvKey[] = [];
      for await (const entry of kv.list({ prefix: ["sandbox"] })) doomed.push(entry.key);
      for (let start = 0; start < doomed.length; start += KV_BATCH) {
        const op = kv.atomic();
        for (const key of doomed.slice(start, start + KV_BATCH)) op.delete(key);
        await op.commit();
      }
    },
    async commit(mutations) {
      for (let start = 0; start < mutations.length; start += KV_BATCH) {
        const op = kv.atomic();
        for (const mutation of mutations.slice(start, start + KV_BATCH)) {
          if (mutation.type === "set") op.set(full(mutation.key), mutation.value);
          else op.delete(full(mutation.key));
        }
        const result = await op.commit();
        if (!result.ok) throw new Error("Sandbox KV commit failed");
      }
    },
  };
}

/**
 * A store in process memory, ordered like KV (by type, then numbers
 * numerically and strings lexically); state lives as long as the returned object.
 *
 * @example
 * ```ts
 * const store = memoryStore();
 * ```
 */
export function memoryStore(): SandboxStore {
  const entries = new Map<string, { key: StoreKey; value: unknown }>();
  function matching(prefix: StoreKey): { key: StoreKey; value: unknown }[] {
    const head = JSON.stringify(prefix).slice(0, -1) + ",";
    return [...entries.entries()]
      .filter(([id]) => id.startsWith(head))
      .map(([, entry]) => entry)
      .sort((a, b) => compareKeys(a.key, b.key));
  }
  function select<T>(prefix: StoreKey): { key: StoreKey; value: T }[] {
    return matching(prefix).map((e) => ({ key: e.key, value: structuredClone(e.value) as T }));
  }
  return {
    get<T>(key: StoreKey) {
      const entry = entries.get(JSON.stringify(key));
      return Promise.resolve(entry ? structuredClone(entry.value) as T : null);
    },
    list<T>(prefix: StoreKey) {
      return Promise.resolve(select<T>(prefix).map((entry) => entry.value));
    },
    slice<T>(prefix: StoreKey, offset: number, limit: number) {
      const all = matching(prefix);
      const items = all.slice(offset, offset + limit).map((e) => structuredClone(e.value) as T);
      return Promise.resolve({ items, total: all.length });
    },
    entries<T>(prefix: StoreKey) {
      return Promise.resolve(select<T>(prefix));
    },
    clear() {
      entries.clear();
      return Promise.resolve();
    },
    commit(mutations) {
      for (const mutation of mutations) {
        const id = JSON.stringify(mutation.key);
        if (mutation.type === "set") {
          entries.set(id, { key: mutation.key, value: structuredClone(mutation.value) });
        } else entries.delete(id);
      }
      return Promise.resolve();
    },
  };
}

function compareKeys(a: StoreKey, b: StoreKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const left = a[i];
    const right = b[i];
    if (left === right) continue;
    const byType = typeRank(left) - typeRank(right);
    if (byType !== 0) return byType;
    if (typeof left === "number" && typeof right === "number") return left - right;
    return String(left) < String(right) ? -1 : 1;
  }
  return a.length - b.length;
}

/** KV orders key parts by type first: bytes, strings, numbers, bigints, booleans. */
function typeRank(part: Deno.KvKeyPart): number {
  if (part instanceof Uint8Array) return 0;
  return { string: 1, number: 2, bigint: 3, boolean: 4 }[typeof part as string] ?? 5;
}
