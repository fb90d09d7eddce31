/**
 * Group commit: writes that need no checks and arrive while a commit is in
 * flight are gathered into the next single atomic commit, so N concurrent
 * writers pay for about one durable KV write instead of N. Each caller's
 * promise settles only once the commit holding its mutations is durable; a
 * failed group is retried one writer at a time, so one bad write never takes
 * the others with it.
 *
 * @module
 */

/** Adds one writer's mutations (sets, sums, deletes; no checks) to an atomic operation. */
export type Mutations = (op: Deno.AtomicOperation) => void;

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions {
  /** Most writers in one commit (keep their mutations under KV's 1000 per commit and 800 KiB). */
  readonly maxWriters?: number;
}

/** Commits mutations, grouping concurrent writers. */
export interface GroupCommit {
  /** Resolves once `mutations` are durable; rejects if their commit fails. */
  commit(mutations: Mutations): Promise<void>;
}

interface Pending {
  readonly mutations: Mutations;
  resolve(): void;
  reject(error: unknown): void;
}

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
  const queue: Pending[] = [];
  let flushing = false;

  async function commitOne(group: readonly Pending[]): Promise<void> {
    const op = kv.atomic();
    for (const pending of group) pending.mutations(op);
    const result = await op.commit();
    if (!result.ok) throw new Error("The KV commit was refused");
  }

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, maxWriters);
        try {
          await commitOne(group);
          for (const pending of group) pending.resolve();
        } catch (error) {
          if (group.length === 1) {
            group[0].reject(error);
            continue;
          }
          await Promise.all(
            group.map((pending) => commitOne([pending]).then(pending.resolve, pending.reject)),
          );
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    commit(mutations) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ mutations, resolve, reject });
        if (!flushing) flush();
      });
    },
  };
}
