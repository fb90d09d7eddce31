import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { cacheKey, createReadCache, stalePrefixes } from "../../../lib/xano/cache.ts";
import { createXanoClient, fixedCredential } from "../../../lib/xano/client.ts";
import { createXanoResilience } from "../../../lib/xano/resilience.ts";
import { fakeFetch, FAST, json, TOKEN } from "./_fake.ts";

function setup() {
  const clock = manualClock();
  const cache = createReadCache({ clock, ttlMs: 1000 });
  const resilience = createXanoResilience(FAST);
  const fake = fakeFetch((seen) => {
    if (seen.url.pathname.endsWith("/schema")) return json([{ name: "id", type: "int" }]);
    if (seen.method === "GET") return json([{ id: 1, name: "main" }]);
    return json({ name: "title" });
  });
  const client = (credentials = TOKEN) =>
    createXanoClient({ fetch: fake.fetch, credentials, resilience, cache, clock });
  return { clock, cache, fake, client };
}

Deno.test("cache: repeated schema reads hit the cache until the TTL runs out", async () => {
  const { clock, cache, fake, client } = setup();
  const xano = client();
  await xano.getSchema(1, 2);
  await xano.getSchema(1, 2);
  assert.equal(fake.seen.length, 1);
  assert.deepEqual([cache.stats().hits, cache.stats().misses], [1, 1]);
  clock.advance(1001);
  await xano.getSchema(1, 2);
  assert.equal(fake.seen.length, 2);
});

Deno.test("cache: a schema write through any client of the credential invalidates", async () => {
  const { fake, client } = setup();
  await client().getSchema(1, 2);
  await client().listWorkspaces();
  await client().addField(1, 2, { name: "title", type: "text" });
  await client().getSchema(1, 2);
  await client().listWorkspaces();
  assert.deepEqual(fake.seen.map((s) => s.method), ["GET", "GET", "POST", "GET", "GET"]);
});

Deno.test("cache: record writes keep cached schemas", async () => {
  const { fake, client } = setup();
  await client().getSchema(1, 2);
  await client().createRecord(1, 2, { title: "x" }).catch(() => {});
  await client().getSchema(1, 2);
  assert.equal(fake.seen.filter((s) => s.method === "GET").length, 1);
});

Deno.test("cache: two credentials never share an entry", async () => {
  const { fake, client } = setup();
  await client().listWorkspaces();
  await client({ ...TOKEN, metaToken: "someone-else" }).listWorkspaces();
  assert.equal(fake.seen.length, 2);
});

Deno.test("cache: stale prefixes stay inside the written workspace", () => {
  assert.deepEqual(stalePrefixes("/workspace/1/table/2/schema/rename"), [
    "/workspace/1",
    "/workspace?",
  ]);
  assert.deepEqual(stalePrefixes("/workspace/1/table/2/content/bulk"), []);
  const cache = createReadCache({ clock: manualClock() });
  cache.set("s", "/workspace/10/table?", 1);
  cache.set("s", "/workspace/1/table?", 2);
  cache.invalidate("s", ["/workspace/1"]);
  assert.equal(cache.get("s", "/workspace/10/table?"), 1);
  assert.equal(cache.get("s", "/workspace/1/table?"), undefined);
});

Deno.test("cache: two users never share an entry, even with the same credential", async () => {
  const clock = manualClock();
  const cache = createReadCache({ clock });
  const resilience = createXanoResilience(FAST);
  const fake = fakeFetch(() => json([{ id: 1, name: "main" }]));
  const forUser = (subject: string) =>
    createXanoClient({
      fetch: fake.fetch,
      credentials: fixedCredential(TOKEN, subject),
      resilience,
      cache,
      clock,
    });
  await forUser("u-1").listWorkspaces();
  await forUser("u-2").listWorkspaces();
  await forUser("u-1").listWorkspaces();
  assert.equal(fake.seen.length, 2);
});

Deno.test("cache: a read's key is the same whatever the query order, without locale rules", () => {
  const keys = ["b=1&a=2&B=3", "B=3&b=1&a=2", "a=2&B=3&b=1"].map((q) =>
    cacheKey("/workspace/1/table", new URLSearchParams(q))
  );
  assert.deepEqual(new Set(keys), new Set(["/workspace/1/table?B=3&a=2&b=1"]));
  assert.equal(cacheKey("/workspace", new URLSearchParams()), "/workspace?");
});
