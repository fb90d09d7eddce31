/**
 * Group commit: writes that need no checks and arrive while a commit is in
 * flight are gathered into the next single atomic commit, so N concurrent
 * writers pay for about one durable KV write instead of N. Each caller's
 * promise settles only once the commit holding its mutations is durable; a
 * failed group is retried one writer at a time, so one bad write never takes
 * the others with it.
 *
 * Writers are committed in the order they arrive. So once a writer's promise
 * resolves, every writer queued before it is durable too (or was rejected on
 * its own): a response that awaits its own write also covers the deferred
 * writes made while it was being prepared (the audit record of a tool call
 * rides in the commit of the call's response event).
 *
 * @module
 */

import { CoalescedMutations, type KvWrites } from "./coalesce.ts";

/**
 * Adds one writer's mutations (sets, deletes, sums, mins, maxes; no checks) to a group. The
 * group's mutations are merged before they are committed (see {@link CoalescedMutations}).
 */
export type Mutations = (op: KvWrites) => void;

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions {
  /** Most writers in one commit (keep their mutations under KV's 1000 per commit). */
  readonly maxWriters?: number;
  /** Most estimated bytes in one commit (KV refuses commits over 800 KiB; default 600 KiB). */
  readonly maxBytes?: number;
  /** Told about a deferred write that failed (nobody else awaits it). */
  onDeferredError?(error: unknown): void;
  /** Told about every commit attempt (metrics): its writers, duration and outcome. */
  onCommit?(commit: CommitInfo): void;
}

/** One commit attempt, as {@link GroupCommitOptions.onCommit} sees it. */
export interface CommitInfo {
  readonly writers: number;
  /** Mutations the writers made, and how many were committed after merging. */
  readonly mutations: number;
  readonly merged: number;
  readonly ms: number;
  readonly ok: boolean;
}

/** Per-write options. */
export interface WriteOptions {
  /** Estimated size of the write's keys and values (default 1 KiB), for the per-commit budget. */
  readonly bytes?: number;
}

/** Commits mutations, grouping concurrent writers. */
export interface GroupCommit {
  /** Resolves once `mutations` are durable; rejects if their commit fails. Starts a commit now when idle. */
  commit(mutations: Mutations, options?: WriteOptions): Promise<void>;
  /**
   * Queues `mutations` without starting a commit in this turn of the event loop, so writes
   * made while the same work finishes (an audit record, then the response that awaits its
   * own write) share one commit. Resolves once durable; failures also go to `onDeferredError`.
   */
  defer(mutations: Mutations, options?: WriteOptions): Promise<void>;
  /** Resolves once everything queued so far is committed (or rejected). */
  drain(): Promise<void>;
}

interface Pending {
  readonly mutations: Mutations;
  readonly bytes: number;
  resolve(): void;
  reject(error: unknown): void;
}

const DEFAULT_BYTES = 1024;

/**
 * Creates a group committer over `kv`.
 *
 * @example
 * ```ts
 * const group = createGroupCommit(kv);
 * await group.commit((op) => op.set(["a"], 1).sum(["n"], 1n));
 * ```
 */
export function createGroupCommit(kv: Deno.Kv, options: GroupCommitOptions = {}): GroupCommit {
  const maxWriters = options.maxWriters ?? 32;
  const maxBytes = options.maxBytes ?? 600 * 1024;
  const queue: Pending[] = [];
  let flushing: Promise<void> | undefined;
  let scheduled: ReturnType<typeof setTimeout> | undefined;

  async function commitOne(group: readonly Pending[]): Promise<void> {
    const started = performance.now();
    let ok = false;
    const writes = new CoalescedMutations();
    let merged = 0;
    try {
      for (const pending of group) pending.mutations(writes);
      const op = kv.atomic();
      merged = writes.apply(op);
      const result = await op.commit();
      if (!result.ok) throw new Error("The KV commit was refused");
      ok = true;
    } finally {
      options.onCommit?.({
        writers: group.length,
        mutations: writes.recorded,
        merged,
        ms: performance.now() - started,
        ok,
      });
    }
  }

  /** The next group: at most `maxWriters` writers within `maxBytes` (at least one writer). */
  function nextGroup(): Pending[] {
    let count = 0, bytes = 0;
    while (count < queue.length && count < maxWriters) {
      bytes += queue[count].bytes;
      if (count > 0 && bytes > maxBytes) break;
      count++;
    }
    return queue.splice(0, count);
  }

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const group = nextGroup();
      try {
        await commitOne(group);
        for (const pending of group) pending.resolve();
      } catch (error) {
        if (group.length === 1) {
          group[0].reject(error);
          continue;
        }
        // One at a time, in order, so a later writer never lands before an earlier one.
        for (const pending of group) {
          await commitOne([pending]).then(pending.resolve, pending.reject);
        }
      }
    }
  }

  function start(): void {
    if (scheduled !== undefined) {
      clearTimeout(scheduled);
      scheduled = undefined;
    }
    if (flushing) return;
    flushing = flush().finally(() => {
      flushing = undefined;
      // Writers queued during the last commit's final step still need a flush.
      if (queue.length > 0) start();
    });
  }

  function enqueue(mutations: Mutations, writeOptions: WriteOptions | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      queue.push({ mutations, bytes: writeOptions?.bytes ?? DEFAULT_BYTES, resolve, reject });
    });
  }

  return {
    commit(mutations, writeOptions) {
      const promise = enqueue(mutations, writeOptions);
      start();
      return promise;
    },
    defer(mutations, writeOptions) {
      const promise = enqueue(mutations, writeOptions);
      promise.catch((error) => options.onDeferredError?.(error));
      if (!flushing && scheduled === undefined) scheduled = setTimeout(start, 0);
      return promise;
    },
    async drain() {
      if (queue.length > 0) start();
      while (flushing) await flushing;
    },
  };
}
