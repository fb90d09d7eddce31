/**
 * Several processes on one host may share one SQLite KV file (one app behind
 * a local load balancer, or a restart overlapping the old process). SQLite
 * then answers a write that finds the file locked with "database is locked"
 * instead of waiting. Such an operation did nothing, so repeating it is safe:
 * {@link retryOnBusy} wraps a `Deno.Kv` so reads, writes and atomic commits
 * are retried with a short jittered backoff. Other errors pass through.
 *
 * @example
 * ```ts
 * const kv = retryOnBusy(await Deno.openKv("./data/kv.sqlite3"));
 * ```
 * @module
 */

/** Options of {@link retryOnBusy}. */
export interface BusyRetryOptions {
  /** Attempts including the first (default 30). */
  readonly attempts?: number;
  /** Largest wait between attempts in ms (default 50); waits grow from 1 ms. */
  readonly maxDelayMs?: number;
}

const BUSY = /database is locked|SQLITE_BUSY/i;
const RETRIED = new Set(["get", "getMany", "set", "delete", "enqueue"]);

/** Whether `error` is SQLite's "the file is locked by another writer". */
export function isBusy(error: unknown): boolean {
  return error instanceof Error && BUSY.test(error.message);
}

/** Returns `kv` with busy operations retried; `list`, `watch` and `close` are untouched. */
export function retryOnBusy(kv: Deno.Kv, options: BusyRetryOptions = {}): Deno.Kv {
  const attempts = options.attempts ?? 30;
  const maxDelayMs = options.maxDelayMs ?? 50;
  async function retry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1;; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!isBusy(error) || attempt >= attempts) throw error;
        const cap = Math.min(maxDelayMs, 2 ** attempt);
        await new Promise((resolve) => setTimeout(resolve, cap / 2 + Math.random() * cap / 2));
      }
    }
  }
  return new Proxy(kv, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "atomic") {
        return () => {
          const op = target.atomic();
          const commit = op.commit.bind(op);
          op.commit = () => retry(commit);
          return op;
        };
      }
      if (typeof property === "string" && RETRIED.has(property)) {
        return (...args: unknown[]) => retry(() => value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}
