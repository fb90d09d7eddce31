/**
 * The Xano client against the in-process sandbox, with every fault kind the
 * sandbox injects. Faults are seeded, so each run sees the same sequence.
 */

import assert from "node:assert/strict";
import { manualClock, systemClock } from "../../../lib/clock.ts";
import { createSealer } from "../../../lib/crypto.ts";
import { createSandbox, type Sandbox } from "../../../lib/sandbox/mod.ts";
import { collectPages, createXanoClient, type XanoClient } from "../../../lib/xano/client.ts";
import { createCredentialStore } from "../../../lib/xano/credentials.ts";
import { XanoError } from "../../../lib/xano/errors.ts";
import { createCredentialRefresher } from "../../../lib/xano/refresh.ts";
import { createXanoResilience, type ResilienceOptions } from "../../../lib/xano/resilience.ts";
import { signInWithPassword } from "../../../lib/xano/sign_in.ts";
import type { XanoCredential } from "../../../lib/xano/types.ts";
import { memoryKv } from "../../_helpers.ts";
import { connectError, FAST as FAKE_FAST } from "./_fake.ts";

/**
 * Fast retries, but timeouts and breaker thresholds generous enough for a loaded CI
 * machine; tests about timeouts and breakers set their own.
 */
const FAST: ResilienceOptions = { ...FAKE_FAST, timeoutMs: 5_000, breakerThreshold: 50 };

const ORIGIN = "http://sandbox.test";

/** A sandbox, a counting fetch over it, and the demo account's credential. */
async function start(options: { sleep?: (ms: number) => Promise<void> } = {}) {
  const sandbox = createSandbox({ clock: systemClock, ...options });
  const urls = sandbox.urls(ORIGIN);
  const counts = { authMe: 0, requests: 0 };
  const fetch = (request: Request): Promise<Response> => {
    counts.requests++;
    if (new URL(request.url).pathname === "/api:auth/auth/me") counts.authMe++;
    return sandbox.fetch(request);
  };
  const signedIn = await signInWithPassword({ fetch, clock: systemClock }, {
    authUrl: urls.auth,
    metaUrl: urls.meta,
    email: "demo@example.com",
    password: "demo1234",
  });
  return { sandbox, urls, fetch, counts, credential: signedIn.credential };
}

function client(
  fetch: (request: Request) => Promise<Response>,
  credential: XanoCredential,
  options: ResilienceOptions = {},
): XanoClient {
  return createXanoClient({
    fetch,
    credentials: credential,
    resilience: createXanoResilience({ ...FAST, ...options }),
  });
}

async function workspaceId(xano: XanoClient): Promise<number> {
  return (await xano.listWorkspaces()).items[0]!.id;
}

/** Creates a table `name` with a text field `sku`. */
async function skuTable(xano: XanoClient, ws: number, name: string): Promise<number> {
  const { id } = await xano.createTable(ws, { name });
  await xano.addField(ws, Number(id), { name: "sku", type: "text" });
  return Number(id);
}

async function readAll(xano: XanoClient, ws: number, table: number) {
  return (await collectPages((page) => xano.browseRecords(ws, table, { page, perPage: 100 }), {
    maxPages: 100,
  })).items;
}

Deno.test("sandbox: the read methods validate against the sandbox's answers", async () => {
  const { fetch, credential, urls } = await start();
  const xano = createXanoClient({ fetch, credentials: credential, accountUrl: urls.meta });
  assert.ok((await xano.me()).id);
  assert.equal((await xano.listInstances()).items.length, 1);
  const ws = await workspaceId(xano);
  const tables = await xano.listTables(ws);
  assert.deepEqual(tables.items.map((t) => t.name).sort(), ["orders", "products", "users"]);
  const users = tables.items.find((t) => t.name === "users")!;
  assert.ok((await xano.getSchema(ws, users.id)).some((f) => f.name === "email"));
  assert.ok((await xano.listIndexes(ws, users.id)).length >= 1);
  const page = await xano.browseRecords(ws, users.id, { perPage: 2 });
  assert.equal(page.items.length, 2);
  assert.ok(page.total! >= 2);
  const table = await xano.getTable(ws, users.id, { includeXanoscript: true });
  assert.equal(table.name, "users");
  await xano.listRequestHistory(ws);
  assert.ok((await xano.listBranches(ws)).items.some((b) => b.live));
  assert.ok((await xano.listDataSources(ws)).items.some((d) => d.label === "live"));
  assert.equal((await xano.getField(ws, users.id, "email")).type, "email");
});

Deno.test("sandbox: not found and validation errors are classified for the AI", async () => {
  const { fetch, credential } = await start();
  const xano = client(fetch, credential);
  const ws = await workspaceId(xano);
  const missing = await xano.getTable(ws, 999).catch((e) => e);
  assert.ok(missing instanceof XanoError);
  assert.equal(missing.category, "not_found");
  assert.match(missing.nextStep, /xano_list_tables/);
  const invalid = await xano.createTable(ws, { name: "" }).catch((e) => e);
  assert.ok(invalid instanceof XanoError);
  assert.equal(invalid.category, "validation");
});

Deno.test("sandbox: reads survive 30% injected 5xx through retries", async () => {
  const { sandbox, fetch, credential } = await start();
  const xano = client(fetch, credential, { maxAttempts: 6 });
  const ws = await workspaceId(xano);
  sandbox.faults.set("error_rate=0.3,error_status=503,seed=11");
  for (let i = 0; i < 30; i++) await xano.listRequestHistory(ws);
  assert.ok(xano.stats().resilience.retries > 0);
});

Deno.test("sandbox: dropped connections are retried for reads and unknown_outcome for creates", async () => {
  const { sandbox, fetch, credential } = await start();
  const xano = client(fetch, credential);
  const ws = await workspaceId(xano);
  const table = await skuTable(xano, ws, "drops");
  sandbox.faults.set("drop_rate=0.5,seed=3");
  for (let i = 0; i < 10; i++) await xano.browseRecords(ws, table);
  sandbox.faults.set("drop_rate=1");
  const error = await xano.createRecord(ws, table, { sku: "a" }).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "unknown_outcome");
  sandbox.faults.clear();
  assert.equal((await readAll(xano, ws, table)).length, 0, "drop_rate drops before the handler");
});

Deno.test("sandbox: a create is retried when the connection was refused (provably unsent)", async () => {
  const { fetch, credential } = await start();
  let refusals = 2;
  // The sandbox has no "refuse" fault, so the refusal happens in front of it, as a real
  // connect failure would: the request never reaches the sandbox.
  const refusing = (request: Request): Promise<Response> => {
    if (request.method === "POST" && refusals-- > 0) return Promise.reject(connectError());
    return fetch(request);
  };
  const xano = client(refusing, credential);
  const ws = await workspaceId(xano);
  const table = await skuTable(client(fetch, credential), ws, "refused");
  refusals = 2;
  await xano.createRecord(ws, table, { sku: "once" });
  assert.deepEqual((await readAll(xano, ws, table)).map((r) => r.sku), ["once"]);
  assert.equal(xano.stats().resilience.retries, 2);
});

Deno.test("sandbox: a write that fails after landing is never repeated", async () => {
  const { sandbox, fetch, credential } = await start();
  const xano = client(fetch, credential);
  const ws = await workspaceId(xano);
  const table = await skuTable(xano, ws, "after_write");
  sandbox.faults.set("error_after_write_rate=1");
  const error = await xano.createRecord(ws, table, { sku: "a" }).catch((e) => e);
  assert.equal(error.category, "unknown_outcome", "a 5xx to a write may have landed");
  sandbox.faults.set("drop_after_write_rate=1");
  const dropped = await xano.createRecord(ws, table, { sku: "b" }).catch((e) => e);
  assert.equal(dropped.category, "unknown_outcome");
  sandbox.faults.clear();
  assert.deepEqual((await readAll(xano, ws, table)).map((r) => r.sku).sort(), ["a", "b"]);
});

Deno.test("sandbox: 429 with Retry-After is waited for, or handed back when too long", async () => {
  const { sandbox, fetch, credential } = await start();
  const patient = client(fetch, credential);
  const ws = await workspaceId(patient);
  sandbox.faults.set("rate_limit=1,retry_after=1s");
  const impatient = client(fetch, credential, { maxRetryAfterMs: 500 });
  const error = await impatient.listRequestHistory(ws).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "rate_limited");
  assert.equal(error.retryAfterMs, 1000);
  sandbox.faults.set("rate_limit=0.5,retry_after=1s,seed=2");
  const started = performance.now();
  let limited = 0;
  for (let i = 0; i < 3; i++) {
    const before = patient.stats().resilience.rateLimited;
    await patient.listRequestHistory(ws);
    limited += patient.stats().resilience.rateLimited - before;
  }
  assert.ok(limited >= 1, "the seed produces at least one 429");
  assert.ok(performance.now() - started >= 1000 * limited - 50, "each 429 waited ~Retry-After");
});

Deno.test("sandbox: latency beyond the timeout gives timeout; within it, success", async () => {
  const { sandbox, fetch, credential } = await start();
  // Wide margin on the patient side so a loaded CI machine cannot make the success path time out.
  const patient = client(fetch, credential, { timeoutMs: 10_000 });
  const ws = await workspaceId(patient);
  const hasty = client(fetch, credential, { timeoutMs: 50, maxAttempts: 2 });
  sandbox.faults.set("latency=300ms");
  const error = await hasty.listRequestHistory(ws).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "timeout");
  assert.equal(hasty.stats().resilience.timeouts, 2, "both attempts timed out");
  sandbox.faults.set("latency=5ms..15ms");
  await patient.listRequestHistory(ws);
});

Deno.test("sandbox: the breaker opens on 5xx, half-opens after the pause and closes", async () => {
  const { sandbox, fetch, credential } = await start();
  const resilience = createXanoResilience({ ...FAST, maxAttempts: 1, breakerThreshold: 3 });
  // halfOpenAfterMs comes from the fake settings (40 ms).
  const xano = createXanoClient({ fetch, credentials: credential, resilience });
  const ws = await workspaceId(xano);
  const host = new URL(ORIGIN).host;
  sandbox.faults.set("error_rate=1,error_status=502");
  for (let i = 0; i < 3; i++) await xano.listRequestHistory(ws).catch(() => {});
  assert.equal(resilience.breakerState(host), "open");
  sandbox.faults.clear();
  const paused = await xano.listRequestHistory(ws).catch((e) => e);
  assert.match(paused.message, /paused after repeated failures/);
  await new Promise((resolve) => setTimeout(resolve, 50));
  let seenHalfOpen = false;
  resilience.breaker(host).onHalfOpen(() => seenHalfOpen = true);
  await xano.listRequestHistory(ws);
  assert.equal(seenHalfOpen, true);
  assert.equal(resilience.breakerState(host), "closed");
});

Deno.test("sandbox: 100 concurrent calls during token expiry make ONE refresh and ZERO failures", async () => {
  using kv = await memoryKv();
  const { sandbox, fetch, counts, credential } = await start();
  const store = createCredentialStore({
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(1)),
    clock: systemClock,
  });
  // A Metadata token that expires at once; the auth token stays valid.
  const expiring = await sandbox.issueToken({ ttlMs: 1 });
  await store.put("u-1", { ...credential, metaToken: expiring });
  await new Promise((resolve) => setTimeout(resolve, 5));
  const refresher = createCredentialRefresher({ kv, store, fetch, clock: systemClock });
  const xano = createXanoClient({
    fetch,
    credentials: refresher.forUser("u-1"),
    // Generous limits: this test is about one shared refresh, not timeouts, and a loaded CI
    // machine must not trip the breaker with slow (but successful) calls.
    resilience: createXanoResilience({
      ...FAST,
      timeoutMs: 10_000,
      breakerThreshold: 1_000,
      bulkheadQueue: 200,
    }),
  });
  const before = counts.authMe;
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, () => xano.listRequestHistory(1)),
  );
  const failed = results.filter((r) => r.status === "rejected");
  assert.equal(failed.length, 0, String((failed[0] as PromiseRejectedResult)?.reason));
  assert.equal(counts.authMe - before, 1);
  assert.equal(refresher.stats().upstreamCalls, 1);
  assert.equal((await store.status("u-1"))?.state, "ok");
});

Deno.test("sandbox: expired sign-in (auth token too) asks the user to sign in again", async () => {
  using kv = await memoryKv();
  const { sandbox, fetch, credential } = await start();
  const store = createCredentialStore({
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(1)),
    clock: systemClock,
  });
  await store.put("u-1", credential);
  await sandbox.expireTokens();
  const refresher = createCredentialRefresher({ kv, store, fetch, clock: systemClock });
  const xano = createXanoClient({ fetch, credentials: refresher.forUser("u-1") });
  const error = await xano.listWorkspaces().catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "auth_expired");
  assert.match(error.toText(), /sign in again at the dashboard/);
  assert.equal((await store.status("u-1"))?.state, "needs_sign_in");
});

Deno.test("sandbox: bulk create under 20% injected 5xx loses and duplicates nothing", async () => {
  const { sandbox, fetch, credential } = await start();
  const xano = client(fetch, credential, { maxAttempts: 6 });
  const ws = await workspaceId(xano);
  const table = await skuTable(xano, ws, "bulk_items");
  const items = Array.from({ length: 500 }, (_, i) => ({ sku: `sku-${i}` }));
  // Half of the 5xx come before the write, half after it landed (the ambiguous case).
  sandbox.faults.set("error_rate=0.1,error_after_write_rate=0.1,seed=5");
  const report = await xano.bulkCreateRecords(ws, table, items, {
    chunkSize: 20,
    matchField: "sku",
  });
  sandbox.faults.clear();
  const rows = await readAll(xano, ws, table);
  const skus = rows.map((row) => row.sku as string);
  assert.equal(report.counts.created, 500);
  assert.equal(rows.length, 500, "no losses and no duplicates");
  assert.equal(new Set(skus).size, 500);
  assert.ok(report.verifications > 0, "some chunks failed ambiguously and were verified");
  for (const result of report.results) {
    assert.equal(result.status === "created" && typeof result.id, "number");
  }
});

Deno.test("sandbox: bulk create without matchField reports unclear chunks as unknown, never resends", async () => {
  const { sandbox, fetch, credential } = await start();
  const xano = client(fetch, credential);
  const ws = await workspaceId(xano);
  const table = await skuTable(xano, ws, "bulk_unkeyed");
  const items = Array.from({ length: 200 }, (_, i) => ({ sku: `sku-${i}` }));
  sandbox.faults.set("error_rate=0.1,error_after_write_rate=0.1,seed=5");
  const report = await xano.bulkCreateRecords(ws, table, items, { chunkSize: 20 });
  sandbox.faults.clear();
  const rows = await readAll(xano, ws, table);
  assert.equal(new Set(rows.map((row) => row.sku)).size, rows.length, "no duplicates");
  assert.ok(report.counts.unknown > 0);
  // Every created item is there; every missing item was reported failed or unknown.
  assert.ok(rows.length >= report.counts.created);
  assert.ok(rows.length <= report.counts.created + report.counts.unknown);
});

Deno.test("sandbox: bulk patch and delete report per item and are safe to retry", async () => {
  const { sandbox, fetch, credential } = await start();
  const xano = client(fetch, credential, { maxAttempts: 6 });
  const ws = await workspaceId(xano);
  const table = await skuTable(xano, ws, "bulk_edits");
  const created = await xano.bulkCreateRecords(
    ws,
    table,
    Array.from({ length: 40 }, (_, i) => ({ sku: `s-${i}` })),
  );
  const ids = created.results.map((r) => r.status === "created" ? r.id : -1);
  sandbox.faults.set("error_rate=0.2,seed=9");
  const patched = await xano.bulkPatchRecords(
    ws,
    table,
    ids.map((id) => ({ id, updates: { sku: `p-${id}` } })),
    { chunkSize: 10 },
  );
  assert.equal(patched.counts.updated, 40);
  const deleted = await xano.bulkDeleteRecords(ws, table, [...ids.slice(0, 10), 99_999], {
    chunkSize: 5,
  });
  sandbox.faults.clear();
  assert.equal(deleted.counts.deleted, 10);
  assert.equal(deleted.results.at(-1)!.status, "failed");
  assert.equal((await readAll(xano, ws, table)).length, 30);
  const patchedBySearch = await xano.searchPatchRecords(ws, table, { "id|<=": ids[19]! }, {
    sku: "low",
  });
  assert.equal(patchedBySearch.success_total, 10);
  await xano.searchDeleteRecords(ws, table, { sku: "low" });
  assert.equal((await readAll(xano, ws, table)).length, 20);
});

/** Keeps the type import of Sandbox used for readers of this file. */
export type { Sandbox };

const GREET_XS = `function greet {
  description = "Says hello"

  input {
    text name
  }

  stack {
    var $greeting {
      value = "hello"
    }
  }

  response = $greeting
}`;

Deno.test("sandbox: logic objects list with their XanoScript and deploy as text/x-xanoscript", async () => {
  const { fetch, credential } = await start();
  const xano = client(fetch, credential);
  const ws = await workspaceId(xano);
  const groups = await xano.listApiGroups(ws, { includeXanoscript: true });
  assert.ok(groups.items.length >= 1);
  const apis = await xano.listApis(ws, groups.items[0]!.id, { includeXanoscript: true });
  assert.ok(apis.items.some((api) => api.name === "auth/login"));
  const tasks = await xano.listTasks(ws, { includeXanoscript: true });
  assert.ok(tasks.items.some((task) => task.name === "restock_report"));
  const created = await xano.createFromXanoscript(ws, { kind: "function" }, GREET_XS);
  const fn = await xano.getFunction(ws, Number(created.id), { includeXanoscript: true });
  assert.equal(fn.name, "greet");
  const source = fn.xanoscript && typeof fn.xanoscript === "object" ? fn.xanoscript.value : "";
  assert.match(source ?? "", /^function greet \{/);
  await xano.updateFromXanoscript(
    ws,
    { kind: "function", id: Number(created.id) },
    GREET_XS.replace("Says hello", "Greets"),
  );
  assert.equal((await xano.getFunction(ws, Number(created.id))).description, "Greets");
  assert.match(await xano.getMultidoc(ws), /function greet/);
  await xano.deleteFunction(ws, Number(created.id));
  const gone = await xano.getFunction(ws, Number(created.id)).catch((e) => e);
  assert.equal(gone.category, "not_found");
  assert.match(gone.nextStep, /xano_list_functions/);
});

Deno.test("sandbox: a XanoScript rejection is validation with line and column", async () => {
  const { fetch, credential } = await start();
  const xano = client(fetch, credential);
  const ws = await workspaceId(xano);
  const broken = GREET_XS.replace("text name", "text name filters=");
  const error = await xano.createFromXanoscript(ws, { kind: "function" }, broken).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "validation");
  assert.equal(error.retryable, false);
  assert.equal(error.line, 5, error.message);
  assert.ok(error.column! > 1);
  assert.match(error.nextStep, new RegExp(`line 5, column ${error.column}`));
});

Deno.test("sandbox: bulk create under mixed faults (5xx and drops, before and after writes), three seeds", async () => {
  for (const seed of [21, 22, 23]) {
    const { sandbox, fetch, credential } = await start();
    const xano = client(fetch, credential, { maxAttempts: 6 });
    const ws = await workspaceId(xano);
    const table = await skuTable(xano, ws, "mixed");
    const items = Array.from({ length: 300 }, (_, i) => ({ sku: `m-${i}` }));
    sandbox.faults.set(
      `error_rate=0.1,error_after_write_rate=0.1,drop_rate=0.05,drop_after_write_rate=0.05,seed=${seed}`,
    );
    const report = await xano.bulkCreateRecords(ws, table, items, {
      chunkSize: 20,
      matchField: "sku",
    });
    sandbox.faults.clear();
    const rows = await readAll(xano, ws, table);
    assert.equal(rows.length, 300, `seed ${seed}: no losses and no duplicates`);
    assert.equal(new Set(rows.map((row) => row.sku)).size, 300);
    assert.equal(report.counts.created, 300);
  }
});

Deno.test("sandbox: two processes sharing KV refresh once for a 100-call burst", async () => {
  using kv = await memoryKv();
  const { sandbox, fetch, counts, credential } = await start();
  const store = createCredentialStore({
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(1)),
    clock: systemClock,
  });
  await store.put("u-1", { ...credential, metaToken: await sandbox.issueToken({ ttlMs: 1 }) });
  await new Promise((resolve) => setTimeout(resolve, 5));
  sandbox.faults.set("latency=1ms..5ms,seed=4");
  const processes = [0, 1].map(() =>
    createXanoClient({
      fetch,
      credentials: createCredentialRefresher({ kv, store, fetch, clock: systemClock, pollMs: 5 })
        .forUser("u-1"),
      resilience: createXanoResilience({ ...FAST, bulkheadQueue: 200 }),
    })
  );
  const before = counts.authMe;
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) => processes[i % 2]!.listRequestHistory(1)),
  );
  assert.equal(results.filter((r) => r.status === "rejected").length, 0);
  assert.equal(counts.authMe - before, 1);
});

Deno.test("sandbox: with token_ttl every token lapses, and the client asks for a new sign-in", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.now());
  const sandbox = createSandbox({ clock, faults: "token_ttl=60s" });
  const urls = sandbox.urls(ORIGIN);
  const signedIn = await signInWithPassword({ fetch: sandbox.fetch, clock }, {
    authUrl: urls.auth,
    metaUrl: urls.meta,
    email: "demo@example.com",
    password: "demo1234",
  });
  const store = createCredentialStore({
    kv,
    sealer: await createSealer(new Uint8Array(32).fill(1)),
    clock,
  });
  await store.put("u-1", signedIn.credential);
  const refresher = createCredentialRefresher({
    kv,
    store,
    fetch: sandbox.fetch,
    clock,
  });
  const xano = createXanoClient({ fetch: sandbox.fetch, credentials: refresher.forUser("u-1") });
  await xano.listWorkspaces();
  clock.advance(120_000);
  const error = await xano.getWorkspace(1).catch((e) => e);
  assert.ok(error instanceof XanoError);
  assert.equal(error.category, "auth_expired");
  assert.equal(refresher.stats().upstreamCalls, 1);
  assert.equal((await store.status("u-1"))?.state, "needs_sign_in");
});
