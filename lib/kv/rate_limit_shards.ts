/**
 * A rate limiter for high-volume endpoints (`/mcp`) that decides in memory and
 * shares its counts through KV, so it costs no KV round trip on most requests
 * and still holds across every process sharing the KV.
 *
 * Each process counts its own hits per (bucket, subject, fixed window) and
 * publishes that count as its own shard, `keys.rateLimitShard(…, process)`,
 * through the shared group commit (so the write rides in a commit that
 * happens anyway). A process reads the other processes' shards of a subject
 * at most every `refreshMs`, in the background while a subject is busy; a hit
 * is allowed while the sliding-window
 * estimate (previous window weighted by what is left of it, plus the current
 * one) of all shards stays under the limit. Shards never conflict: each is
 * written by one process only, as an absolute value.
 *
 * The price of not reading KV on every hit: a client that spreads a burst over
 * several processes can exceed its limit by what the other processes admitted
 * in the last one or two `refreshMs`. Within one process the limit is exact. Sign-in and
 * registration keep the exact, read-every-time limiter of `rate_limits.ts`.
 *
 * @module
 */

import type { Clock } from "../clock.ts";
import type { GroupCommit } from "./group_commit.ts";
import { keys } from "./keys.ts";
import { type RateLimitHit, type RateLimitResult, retryAfter } from "./rate_limits.ts";

/** Dependencies of {@link createShardedRateLimiter}. */
export interface ShardedRateLimiterDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  /** The process's shared group commit; shards are published through it. */
  readonly writes: GroupCommit;
  /** This process's shard name (a random id per process). */
  readonly process: string;
  /** How old the other processes' counts may get before a hit re-reads them (default 250 ms). */
  readonly refreshMs?: number;
  /** Told about every refused hit (metrics). */
  onRefused?(bucket: string): void;
}

/** The part of a rate limiter the `/mcp` middleware uses. */
export interface ShardedRateLimiter {
  /** Counts hits in order up to the first refused one (not counted) and returns their results. */
  hitAll(hits: readonly RateLimitHit[]): Promise<RateLimitResult[]>;
}

interface Subject {
  readonly bucket: string;
  readonly subject: string;
  readonly windowMs: number;
  /** This process's hits per window. */
  readonly own: Map<number, number>;
  /** The other processes' hits per window, as last read. */
  others: Map<number, number>;
  refreshedAt: number;
  refreshing?: Promise<void>;
}

/** Most shards one publish writes (KV allows 1000 mutations per commit, shared with others). */
const PUBLISH_MAX = 200;

/** Creates a {@link ShardedRateLimiter}. */
export function createShardedRateLimiter(deps: ShardedRateLimiterDeps): ShardedRateLimiter {
  const { kv, clock, writes, process } = deps;
  const refreshMs = deps.refreshMs ?? 250;
  const subjects = new Map<string, Subject>();
  const dirty = new Map<string, { subject: Subject; window: number }>();
  let publishQueued = false;
  let hitsSinceSweep = 0;

  function subjectOf(hit: RateLimitHit): Subject {
    const id = subjectId(hit.bucket, hit.subject, hit.rule.windowMs);
    let found = subjects.get(id);
    if (!found) {
      found = {
        bucket: hit.bucket,
        subject: hit.subject,
        windowMs: hit.rule.windowMs,
        own: new Map(),
        others: new Map(),
        refreshedAt: -Infinity,
      };
      subjects.set(id, found);
    }
    return found;
  }

  /** Re-reads the other processes' shards of the previous and current window. */
  function refresh(subject: Subject, window: number): Promise<void> {
    subject.refreshing ??= (async () => {
      const others = new Map<number, number>();
      const iter = kv.list<Deno.KvU64>({
        start: keys.rateLimitShard(subject.bucket, subject.subject, window - 1, ""),
        end: keys.rateLimitShard(subject.bucket, subject.subject, window + 1, ""),
      });
      for await (const entry of iter) {
        const [, , , shardWindow, shardProcess] = entry.key as [
          string,
          string,
          string,
          number,
          string,
        ];
        if (shardProcess === process) continue;
        others.set(shardWindow, (others.get(shardWindow) ?? 0) + Number(entry.value.value));
      }
      subject.others = others;
      subject.refreshedAt = clock.now();
    })().finally(() => subject.refreshing = undefined);
    return subject.refreshing;
  }

  /** Queues this process's changed counts for the next group commit (at most 200 per write). */
  function publish(): void {
    if (publishQueued) return;
    publishQueued = true;
    let batch: { subject: Subject; window: number; count: number }[] | undefined;
    writes.defer((op) => {
      // Taken once (a retried commit writes the same batch again), when the commit starts, so
      // it carries the latest counts.
      if (!batch) {
        batch = [];
        for (const [id, { subject, window }] of dirty) {
          if (batch.length === PUBLISH_MAX) break;
          batch.push({ subject, window, count: subject.own.get(window) ?? 0 });
          dirty.delete(id);
        }
        publishQueued = false;
        if (dirty.size > 0) publish();
      }
      for (const { subject, window, count } of batch) {
        const key = keys.rateLimitShard(subject.bucket, subject.subject, window, process);
        op.set(key, new Deno.KvU64(BigInt(count)), { expireIn: subject.windowMs * 2 });
      }
    }, { bytes: Math.min(dirty.size, PUBLISH_MAX) * 200 }).catch(() => {
      // Not written: mark them changed again so the next publish carries them.
      for (const { subject, window } of batch ?? []) {
        dirty.set(`${subjectKey(subject)}\u0000${window}`, { subject, window });
      }
    });
  }

  function sweep(now: number): void {
    if (++hitsSinceSweep < 1000) return;
    hitsSinceSweep = 0;
    for (const [id, subject] of subjects) {
      const window = Math.floor(now / subject.windowMs);
      for (const w of subject.own.keys()) if (w < window - 1) subject.own.delete(w);
      if (subject.own.size === 0 && now - subject.refreshedAt > subject.windowMs * 2) {
        subjects.delete(id);
      }
    }
  }

  return {
    async hitAll(hits) {
      for (const { bucket, rule } of hits) {
        if (!(rule.limit > 0) || !(rule.windowMs > 0)) {
          throw new RangeError(
            `Invalid rate limit for "${bucket}": limit and window must be positive`,
          );
        }
      }
      const now = clock.now();
      const states = hits.map((hit) => {
        const subject = subjectOf(hit);
        return { hit, subject, window: Math.floor(now / hit.rule.windowMs) };
      });
      // Counts older than refreshMs are re-read in the background (this hit uses them as they
      // are); only counts older than twice that, or never read, are waited for.
      const waits: Promise<void>[] = [];
      for (const { subject, window } of states) {
        const age = now - subject.refreshedAt;
        if (age >= 2 * refreshMs) waits.push(refresh(subject, window));
        else if (age >= refreshMs) refresh(subject, window).catch(() => {});
      }
      await Promise.all(waits);
      const results: RateLimitResult[] = [];
      for (const { hit, subject, window } of states) {
        const { limit, windowMs } = hit.rule;
        const elapsed = (now - window * windowMs) / windowMs;
        const count = (w: number) => (subject.own.get(w) ?? 0) + (subject.others.get(w) ?? 0);
        const previous = count(window - 1), current = count(window);
        const weighted = previous * (1 - elapsed) + current;
        if (weighted + 1 > limit) {
          results.push({
            allowed: false,
            remaining: 0,
            retryAfterMs: retryAfter(hit.rule, previous, current, elapsed),
          });
          deps.onRefused?.(hit.bucket);
          break;
        }
        subject.own.set(window, (subject.own.get(window) ?? 0) + 1);
        dirty.set(`${subjectKey(subject)}\u0000${window}`, { subject, window });
        results.push({
          allowed: true,
          remaining: Math.max(0, Math.floor(limit - weighted - 1)),
          retryAfterMs: 0,
        });
      }
      if (dirty.size > 0) publish();
      sweep(now);
      return results;
    },
  };
}

function subjectId(bucket: string, subject: string, windowMs: number): string {
  return `${bucket}\u0000${subject}\u0000${windowMs}`;
}

function subjectKey(subject: Subject): string {
  return subjectId(subject.bucket, subject.subject, subject.windowMs);
}
