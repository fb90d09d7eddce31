import assert from "node:assert/strict";
import { createXanoClient } from "../../../lib/xano/client.ts";
import { XanoError } from "../../../lib/xano/errors.ts";
import { createXanoResilience } from "../../../lib/xano/resilience.ts";
import { isProvablyUnsent, parseRetryAfter } from "../../../lib/xano/transport.ts";
import { connectError, droppedError, fakeClient, fakeFetch, FAST, json, TOKEN } from "./_fake.ts";

const WORKSPACES = [{ id: 1, name: "main" }];

Deno.test("resilience: an idempotent read is retried after 5xx and succeeds", async () => {
  const fake = fakeFetch((_, i) => i < 2 ? json({ message: "boom" }, 503) : json(WORKSPACES));
  const page = await fakeClient(fake.fetch).listWorkspaces();
  assert.equal(page.items.length, 1);
  assert.equal(fake.seen.length, 3);
});

Deno.test("resilience: retries stop after maxAttempts and the error is upstream_down", async () => {
  const fake = fakeFetch(() => json({ message: "boom" }, 500));
  const error = await fakeClient(fake.fetch, { maxAttempts: 3, breakerThreshold: 99 })
    .listWorkspaces().catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "upstream_down");
  assert.equal(error.retryable, true);
  assert.equal(fake.seen.length, 3);
});

Deno.test("resilience: a create is not retried after a 5xx (it may have been applied)", async () => {
  const fake = fakeFetch(() => json({ message: "boom" }, 500));
  const error = await fakeClient(fake.fetch).createRecord(1, 2, { name: "a" }).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "unknown_outcome");
  assert.match(error.nextStep, /Read the current state/);
  assert.equal(fake.seen.length, 1);
});

Deno.test("resilience: a create is retried when the connection was never made", async () => {
  const fake = fakeFetch((_, i) => {
    if (i === 0) throw connectError();
    return json({ id: 5, name: "a" });
  });
  const record = await fakeClient(fake.fetch).createRecord(1, 2, { name: "a" });
  assert.equal(record.id, 5);
  assert.equal(fake.seen.length, 2);
});

Deno.test("resilience: a create whose connection broke after sending is unknown_outcome, not retried", async () => {
  const fake = fakeFetch(() => {
    throw droppedError();
  });
  const error = await fakeClient(fake.fetch).createRecord(1, 2, { name: "a" }).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "unknown_outcome");
  assert.equal(error.delivered, "maybe");
  assert.match(error.nextStep, /Read the current state/);
  assert.equal(fake.seen.length, 1);
});

Deno.test("resilience: isProvablyUnsent accepts connect failures only", () => {
  assert.equal(isProvablyUnsent(connectError()), true);
  assert.equal(isProvablyUnsent(droppedError()), false);
  assert.equal(isProvablyUnsent(Object.assign(new Error("x"), { code: "ECONNREFUSED" })), true);
  assert.equal(isProvablyUnsent(Object.assign(new TypeError("x"), { notSent: true })), true);
  assert.equal(isProvablyUnsent(new TypeError("fetch failed")), false);
  assert.equal(isProvablyUnsent(new DOMException("aborted", "AbortError")), false);
});

Deno.test("resilience: 429 is retried after Retry-After, even for a create", async () => {
  const fake = fakeFetch((_, i) =>
    i === 0 ? json({ message: "slow down" }, 429, { "retry-after": "0.05" }) : json({ id: 1 })
  );
  const started = performance.now();
  const record = await fakeClient(fake.fetch).createRecord(1, 2, {});
  assert.equal(record.id, 1);
  assert.equal(fake.seen.length, 2);
  assert.ok(performance.now() - started >= 45, "waited for Retry-After");
});

Deno.test("resilience: a Retry-After longer than the cap goes back to the caller", async () => {
  const fake = fakeFetch(() => json({ message: "slow down" }, 429, { "retry-after": "120" }));
  const error = await fakeClient(fake.fetch).listWorkspaces().catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "rate_limited");
  assert.equal(error.retryAfterMs, 120_000);
  assert.equal(error.headers?.["Retry-After"], "120");
  assert.match(error.nextStep, /Wait 120 s/);
  assert.equal(fake.seen.length, 1);
});

Deno.test("resilience: parseRetryAfter reads seconds and HTTP dates", () => {
  assert.equal(parseRetryAfter("3", 0), 3000);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6_000);
  assert.equal(parseRetryAfter("soon", 0), undefined);
  assert.equal(parseRetryAfter(null, 0), undefined);
});

Deno.test("resilience: an attempt that hangs times out and a read is retried", async () => {
  const fake = fakeFetch((_, i) => i === 0 ? new Promise<Response>(() => {}) : json(WORKSPACES));
  const page = await fakeClient(fake.fetch, { timeoutMs: 30 }).listWorkspaces();
  assert.equal(page.items.length, 1);
  assert.equal(fake.seen.length, 2);
});

Deno.test("resilience: a create that times out is unknown_outcome", async () => {
  const fake = fakeFetch(() => new Promise<Response>(() => {}));
  const error = await fakeClient(fake.fetch, { timeoutMs: 20 }).createRecord(1, 2, {}).catch((e) =>
    e
  );
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "unknown_outcome");
  assert.equal(fake.seen.length, 1);
});

Deno.test("resilience: the breaker opens, half-opens after the pause and closes on success", async () => {
  let healthy = false;
  const fake = fakeFetch(() => healthy ? json(WORKSPACES) : json({ message: "down" }, 502));
  const resilience = createXanoResilience({ ...FAST, maxAttempts: 1, breakerThreshold: 3 });
  const client = createXanoClient({ fetch: fake.fetch, credentials: TOKEN, resilience });
  for (let i = 0; i < 3; i++) await client.listWorkspaces().catch(() => {});
  assert.equal(resilience.breakerState("x.test"), "open");
  const rejected = await client.listWorkspaces().catch((e) => e);
  assert.ok(rejected instanceof XanoError);
  assert.equal(rejected.category, "upstream_down");
  assert.equal(rejected.delivered, "no");
  assert.equal(fake.seen.length, 3, "an open breaker sends nothing");
  await new Promise((resolve) => setTimeout(resolve, 50));
  healthy = true;
  await client.listWorkspaces();
  assert.equal(resilience.breakerState("x.test"), "closed");
  assert.equal(resilience.stats().breakerRejections, 1);
});

Deno.test("resilience: a failed half-open trial opens the breaker again", async () => {
  const fake = fakeFetch(() => json({ message: "down" }, 502));
  const resilience = createXanoResilience({ ...FAST, maxAttempts: 1, breakerThreshold: 2 });
  const client = createXanoClient({ fetch: fake.fetch, credentials: TOKEN, resilience });
  for (let i = 0; i < 2; i++) await client.listWorkspaces().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 50));
  await client.listWorkspaces().catch(() => {});
  assert.equal(resilience.breakerState("x.test"), "open");
  assert.equal(fake.seen.length, 3);
});

Deno.test("resilience: 4xx answers do not open the breaker", async () => {
  const fake = fakeFetch(() => json({ message: "nope" }, 404));
  const resilience = createXanoResilience({ ...FAST, breakerThreshold: 2 });
  const client = createXanoClient({ fetch: fake.fetch, credentials: TOKEN, resilience });
  for (let i = 0; i < 5; i++) await client.getTable(1, 1).catch(() => {});
  assert.equal(resilience.breakerState("x.test"), "closed");
});

Deno.test("resilience: the bulkhead runs at most 5 operations of a user at once", async () => {
  let active = 0;
  let peak = 0;
  const fake = fakeFetch(async () => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((resolve) => setTimeout(resolve, 5));
    active--;
    return json(WORKSPACES);
  });
  const client = fakeClient(fake.fetch);
  await Promise.all(Array.from({ length: 30 }, () => client.getWorkspace(1).catch(() => {})));
  // Cached reads short-circuit once warm; use a non-cached read to load the bulkhead.
  await Promise.all(Array.from({ length: 30 }, () => client.listRequestHistory(1)));
  assert.equal(peak, 5);
});

Deno.test("resilience: a full bulkhead queue answers busy without calling Xano", async () => {
  const fake = fakeFetch(async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return json([]);
  });
  const client = fakeClient(fake.fetch, { bulkheadLimit: 1, bulkheadQueue: 1 });
  const results = await Promise.allSettled([
    client.listRequestHistory(1),
    client.listRequestHistory(1),
    client.listRequestHistory(1),
  ]);
  const busy = results.filter((r) => r.status === "rejected");
  assert.equal(busy.length, 1);
  const reason = (busy[0] as PromiseRejectedResult).reason;
  assert.ok(reason instanceof XanoError);
  assert.equal(reason.category, "busy");
  assert.equal(fake.seen.length, 2);
});

Deno.test("resilience: a DELETE repeated after an unclear failure treats 404 as done", async () => {
  const fake = fakeFetch((_, i) => i === 0 ? json({ message: "boom" }, 502) : json({}, 404));
  await fakeClient(fake.fetch).deleteRecord(1, 2, 3);
  assert.equal(fake.seen.length, 2);
});

Deno.test("resilience: backoff grows exponentially with jitter and honours Retry-After", () => {
  const resilience = createXanoResilience({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => resilience.delayFor(n, undefined)), [
    50,
    100,
    200,
    400,
    500,
  ]);
  const limited = new XanoError("x", {
    category: "rate_limited",
    nextStep: "",
    retryAfterMs: 2000,
  });
  assert.equal(resilience.delayFor(1, limited), 2000);
});

Deno.test("resilience: an open breaker fails fast without backing off and retrying", async () => {
  const fake = fakeFetch(() => json({ message: "down" }, 502));
  const resilience = createXanoResilience({
    ...FAST,
    maxAttempts: 4,
    baseDelayMs: 300,
    maxDelayMs: 300,
    breakerThreshold: 2,
    halfOpenAfterMs: 10_000,
  });
  const client = createXanoClient({ fetch: fake.fetch, credentials: TOKEN, resilience });
  await client.listWorkspaces().catch(() => {});
  assert.equal(resilience.breakerState("x.test"), "open");
  const started = performance.now();
  const error = await client.listWorkspaces().catch((e) => e);
  assert.ok(performance.now() - started < 150, "no 300 ms backoff while the breaker is open");
  assert.equal(error.category, "upstream_down");
  assert.equal(resilience.stats().breakerRejections, 2);
});

Deno.test("resilience: the deadline bounds all attempts of one call together", async () => {
  const fake = fakeFetch(() => new Promise<Response>(() => {}));
  // Without the deadline, 10 attempts of 100 ms would take over a second.
  const client = fakeClient(fake.fetch, {
    timeoutMs: 100,
    maxAttempts: 10,
    baseDelayMs: 1,
    deadlineMs: 150,
    breakerThreshold: 99,
  });
  const started = performance.now();
  const error = await client.listWorkspaces().catch((e) => e);
  const elapsed = performance.now() - started;
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "timeout");
  assert.ok(elapsed < 700, `stopped near the deadline, took ${elapsed.toFixed(0)} ms`);
  assert.ok(fake.seen.length <= 3, `at most a few attempts fit, saw ${fake.seen.length}`);
});
