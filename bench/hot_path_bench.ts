/**
 * `deno bench --allow-all bench/hot_path_bench.ts`: what each step of a
 * `/mcp` tool call costs in KV, with and without the hot-path caches, on a
 * KV **file** (SQLite, durable commits) like `main.ts` uses: verifying the
 * bearer, the `/mcp` rate limit, opening the Xano credential, and the one
 * group commit that stores the response event with the audit record.
 */

import { createApiKeyStore } from "../lib/auth/api_keys.ts";
import { createTokenVerifier } from "../lib/auth/verifier.ts";
import { randomId, systemClock } from "../lib/clock.ts";
import { createSealer } from "../lib/crypto.ts";
import { createAuditStore } from "../lib/kv/audit.ts";
import { createGroupCommit } from "../lib/kv/group_commit.ts";
import { createShardedRateLimiter } from "../lib/kv/rate_limit_shards.ts";
import { createRateLimiter } from "../lib/kv/rate_limits.ts";
import { createCredentialStore } from "../lib/xano/credentials.ts";
import { createKvEventStore } from "../mcp/event_store.ts";

const dir = await Deno.makeTempDir({ prefix: "xmcp-hot-path-" });
const kv = await Deno.openKv(`${dir}/kv.sqlite3`);
const clock = systemClock;
const writes = createGroupCommit(kv);

const apiKeys = createApiKeyStore({ kv, clock, ids: randomId });
const { key } = await apiKeys.create("u-1", {
  name: "bench",
  scopes: ["xano:read"],
  expiresInDays: 1,
});
const none = { verify: () => Promise.resolve(null) };
const uncached = createTokenVerifier({ tokens: none, apiKeys });
const cached = createTokenVerifier({ tokens: none, apiKeys, clock, cacheMs: 60_000 });

const sealer = await createSealer(new Uint8Array(32).fill(7));
const credentials = createCredentialStore({ kv, sealer, clock, cacheMs: 60_000 });
await credentials.put("u-1", {
  kind: "token",
  metaUrl: "https://x.test/api:meta",
  metaToken: "t".repeat(200),
  obtainedAt: 0,
});

const rule = { limit: 1e12, windowMs: 60_000, exact: false };
const exactLimiter = createRateLimiter({ kv, clock });
const sharded = createShardedRateLimiter({ kv, clock, writes, process: "bench" });
const hits = [
  { bucket: "mcp_ip", subject: "127.0.0.1", rule },
  { bucket: "mcp_token", subject: "a".repeat(64), rule },
];

const audit = createAuditStore({ kv, clock, ids: randomId, writes });
const events = createKvEventStore({ kv, clock, sessionId: "bench", writes });
const response = {
  jsonrpc: "2.0" as const,
  id: 1,
  result: { content: [{ type: "text", text: "x".repeat(600) }] },
};
const call = {
  userId: "u-1",
  clientId: "api-key:k",
  clientName: "bench",
  tool: "xano_list_tables",
  args: {},
  ok: true,
  durationMs: 1,
};

Deno.bench("auth: verify an API key, read from KV (two reads)", { group: "auth" }, async () => {
  if (!(await uncached.verify(key))) throw new Error("not verified");
});
Deno.bench("auth: verify an API key, remembered (AUTH_CACHE_TTL)", {
  group: "auth",
  baseline: true,
}, async () => {
  if (!(await cached.verify(key))) throw new Error("not verified");
});

Deno.bench(
  "limit: two /mcp buckets, exact limiter (read + commit)",
  { group: "limit" },
  async () => {
    await exactLimiter.hitAll(hits);
  },
);
Deno.bench("limit: two /mcp buckets, sharded (in memory)", {
  group: "limit",
  baseline: true,
}, async () => {
  await sharded.hitAll(hits);
});

Deno.bench("credential: read from KV and open (AES-GCM)", { group: "credential" }, async () => {
  if (!(await credentials.read("u-1"))) throw new Error("missing");
});
Deno.bench("credential: opened copy (AUTH_CACHE_TTL)", {
  group: "credential",
  baseline: true,
}, async () => {
  if (!(await credentials.read("u-1", { cached: true }))) throw new Error("missing");
});

Deno.bench("writes: audit record then response event, one durable commit", {
  group: "writes",
  baseline: true,
}, async () => {
  const recorded = audit.record(call);
  await events.storeEvent("s", response);
  await recorded;
});
// How the two were written before the shared group commit: each in its own awaited commit.
let n = 0;
Deno.bench("writes: audit-sized record and response event as two durable commits", {
  group: "writes",
}, async () => {
  const id = `two-${n++}`;
  await kv.atomic().set(["bench_audit", id], { ...call, id, at: Date.now() })
    .sum(["bench_usage", "calls"], 1n).commit();
  await kv.set(["bench_events", id], { message: response, expiresAt: Date.now() + 60_000 });
});
