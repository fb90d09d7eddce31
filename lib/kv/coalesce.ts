/**
 * Merges the mutations of many writers before they reach one atomic commit:
 * the last `set` or `delete` of a key replaces everything before it, and
 * consecutive `sum`s (or `min`s, `max`es) of a key fold into one. Concurrent
 * tool calls bump the same usage counters and "last seen" records, so a group
 * of ten calls commits ~24 mutations instead of ~60, with the same result:
 * mutations of different keys are independent within a commit, and those of
 * one key keep their order.
 *
 * @module
 */

type Entry =
  | {
    readonly kind: "set";
    readonly key: Deno.KvKey;
    value: unknown;
    options?: { expireIn?: number };
  }
  | { readonly kind: "delete"; readonly key: Deno.KvKey }
  | { readonly kind: "sum" | "min" | "max"; readonly key: Deno.KvKey; value: bigint };

const U64 = (1n << 64n) - 1n;

/** The writes a grouped writer may make: what both {@link CoalescedMutations} and `Deno.AtomicOperation` take. */
export interface KvWrites {
  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }): this;
  delete(key: Deno.KvKey): this;
  sum(key: Deno.KvKey, n: bigint): this;
  min(key: Deno.KvKey, n: bigint): this;
  max(key: Deno.KvKey, n: bigint): this;
}

/**
 * Records sets, deletes, sums, mins and maxes (no checks, no queue messages)
 * and writes them, merged, into an atomic operation with {@link apply}.
 */
export class CoalescedMutations implements KvWrites {
  readonly #byKey = new Map<string, Entry[]>();
  #count = 0;

  /** Mutations recorded, before merging. */
  get recorded(): number {
    return this.#count;
  }

  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }): this {
    this.#replace({ kind: "set", key, value, ...(options ? { options } : {}) });
    return this;
  }

  delete(key: Deno.KvKey): this {
    this.#replace({ kind: "delete", key });
    return this;
  }

  sum(key: Deno.KvKey, n: bigint): this {
    return this.#fold("sum", key, n, (a, b) => (a + b) & U64);
  }

  min(key: Deno.KvKey, n: bigint): this {
    return this.#fold("min", key, n, (a, b) => (a < b ? a : b));
  }

  max(key: Deno.KvKey, n: bigint): this {
    return this.#fold("max", key, n, (a, b) => (a > b ? a : b));
  }

  /** Adds the merged mutations to `op`; returns how many were added. */
  apply(op: Deno.AtomicOperation): number {
    let added = 0;
    for (const entries of this.#byKey.values()) {
      for (const entry of entries) {
        added++;
        switch (entry.kind) {
          case "set":
            op.set(entry.key, entry.value, entry.options);
            break;
          case "delete":
            op.delete(entry.key);
            break;
          default:
            op[entry.kind](entry.key, entry.value);
        }
      }
    }
    return added;
  }

  #replace(entry: Entry): void {
    this.#count++;
    this.#byKey.set(keyId(entry.key), [entry]);
  }

  #fold(
    kind: "sum" | "min" | "max",
    key: Deno.KvKey,
    n: bigint,
    merge: (a: bigint, b: bigint) => bigint,
  ): this {
    this.#count++;
    const id = keyId(key);
    const entries = this.#byKey.get(id);
    const last = entries?.at(-1);
    if (last && last.kind === kind) last.value = merge(last.value, n);
    else if (entries) entries.push({ kind, key, value: n });
    else this.#byKey.set(id, [{ kind, key, value: n }]);
    return this;
  }
}

/** A string naming a KV key exactly (parts tagged by type, strings prefixed with their length). */
export function keyId(key: Deno.KvKey): string {
  let id = "";
  for (const part of key) {
    switch (typeof part) {
      case "string":
        id += `s${part.length}:${part}`;
        break;
      case "number":
        id += `n${Object.is(part, -0) ? "-0" : part};`;
        break;
      case "bigint":
        id += `b${part};`;
        break;
      case "boolean":
        id += part ? "t;" : "f;";
        break;
      default:
        if (part instanceof Uint8Array) id += `u${part.toHex()};`;
        else throw new TypeError(`Unsupported KV key part: ${String(part)}`);
    }
  }
  return id;
}
