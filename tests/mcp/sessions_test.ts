import assert from "node:assert/strict";
import { manualClock } from "../../lib/clock.ts";
import { createKvEventStore, EVENT_TTL_MS } from "../../mcp/event_store.ts";
import { keys, prefixes } from "../../lib/kv/keys.ts";
import { memoryKv } from "../_helpers.ts";
import { Client, ElicitRequestSchema, StreamableHTTPClientTransport } from "../../mcp/sdk.ts";
import { z } from "zod";
import { defineTool } from "../../mcp/inventory.ts";
import { ok } from "../../mcp/result.ts";
import { connect, demoApp, type DemoDeps, demoTools, INIT, rpc } from "./_harness.ts";

const auth = { authorization: "Bearer token-full" };

async function sseMessages(res: Response): Promise<Record<string, unknown>[]> {
  const text = await res.text();
  return text.split("\n").filter((line) => line.startsWith("data: ") && line.length > 6)
    .map((line) => JSON.parse(line.slice(6)));
}

Deno.test("mcp sessions: another process sharing the KV serves a session it never saw", async () => {
  using kv = await memoryKv();
  const items = new Map([[1, "one"]]);
  const a = demoApp({ kv, items });
  const b = demoApp({ kv, items });
  const init = await a.app.fetch(rpc(INIT, auth));
  const session = init.headers.get("mcp-session-id")!;
  assert.match(session, /^mcp_[\x21-\x7e]+$/);
  await init.text();
  const headers = { ...auth, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" };
  const notified = await a.app.fetch(
    rpc({ jsonrpc: "2.0", method: "notifications/initialized" }, headers),
  );
  assert.equal(notified.status, 202);

  assert.equal(b.sessions.localCount, 0);
  const call = {
    jsonrpc: "2.0",
    id: 7,
    method: "tools/call",
    params: { name: "demo_list", arguments: {} },
  };
  const res = await b.app.fetch(rpc(call, headers));
  assert.equal(res.status, 200);
  const messages = await sseMessages(res);
  const reply = messages.find((message) => message.id === 7) as {
    result: { structuredContent: unknown };
  };
  assert.deepEqual(reply.result.structuredContent, { items: [{ id: 1, name: "one" }] });
  assert.equal(b.sessions.localCount, 1);

  // DELETE on one process ends the session everywhere.
  const del = await b.app.fetch(
    new Request("http://127.0.0.1:8000/mcp", { method: "DELETE", headers }),
  );
  assert.equal(del.status, 200);
  const after = await a.app.fetch(rpc({ jsonrpc: "2.0", id: 8, method: "ping" }, headers));
  assert.equal(after.status, 404);
  await after.body?.cancel();
  await a.sessions.closeAll();
  await b.sessions.closeAll();
});

Deno.test("mcp sessions: a live session trusts its record for recordCacheMs, re-reads it in the background after, and is touched in its response's commit", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.now());
  const a = demoApp({ kv, clock, recordCacheMs: 1_000 });
  const init = await a.app.fetch(rpc(INIT, auth));
  const session = init.headers.get("mcp-session-id")!;
  await init.text();
  const headers = { ...auth, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" };
  const ping = async (id: number) => {
    const res = await a.app.fetch(rpc({ jsonrpc: "2.0", id, method: "ping" }, headers));
    await res.body?.cancel();
    return res.status;
  };
  assert.equal(await ping(1), 200);

  clock.advance(5 * 60_000 + 1); // past the touch interval
  assert.equal(await ping(2), 200);
  const touched = await kv.get<{ lastSeenAt: number }>(keys.mcpSession(session));
  assert.equal(touched.value?.lastSeenAt, clock.now(), "touched by the time the answer is read");

  // Another process ends the session. This one trusts its copy for a second, answers once more
  // while it re-reads the record, then stops answering.
  await kv.delete(keys.mcpSession(session));
  assert.equal(await ping(3), 200);
  clock.advance(1_000);
  assert.equal(await ping(4), 200);
  await new Promise((resolve) => setTimeout(resolve, 20)); // the background re-read lands
  assert.equal(await ping(5), 404);
  await a.sessions.closeAll();
});

Deno.test("mcp event store: replays events after an id, skipping priming events, across instances", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const first = createKvEventStore({ kv, clock, sessionId: "s1" });
  const priming = await first.storeEvent("stream-a", {} as never); // what the transport stores as priming
  const e1 = await first.storeEvent("stream-a", { jsonrpc: "2.0", method: "notifications/a" });
  clock.advance(1);
  await first.storeEvent("stream-a", { jsonrpc: "2.0", method: "notifications/b" });
  await first.storeEvent("stream-b", { jsonrpc: "2.0", method: "notifications/other" });

  const restarted = createKvEventStore({ kv, clock, sessionId: "s1" });
  assert.equal(await restarted.getStreamIdForEventId!(e1), "stream-a");
  const seen: string[] = [];
  const stream = await restarted.replayEventsAfter(priming, {
    send: (_id, message) => {
      seen.push((message as { method: string }).method);
      return Promise.resolve();
    },
  });
  assert.equal(stream, "stream-a");
  assert.deepEqual(seen, ["notifications/a", "notifications/b"]);
  const opened = /^stream-a:(\d{15})-\d{21}$/.exec(priming)?.[1];
  assert.ok(opened, `the id ${priming} carries when its stream opened`);
  const stored = await Array.fromAsync(
    kv.list({ prefix: prefixes.mcpEvents(`${opened}/s1/stream-a`) }),
  );
  assert.equal(stored.length, 2, "a priming event marks a position and writes no record");

  const other = createKvEventStore({ kv, clock, sessionId: "s2" });
  const none: string[] = [];
  await other.replayEventsAfter(priming, { send: (id) => Promise.resolve(void none.push(id)) });
  assert.deepEqual(none, []);
  assert.equal(await restarted.getStreamIdForEventId!("garbage"), undefined);
});

Deno.test("mcp event store: request streams are keyed by when they opened, so new events sort last; the GET stream and old ids keep the session key", async () => {
  using kv = await memoryKv();
  const clock = manualClock(1_700_000_000_000);
  const store = createKvEventStore({ kv, clock, sessionId: "zz-session" });
  const message = (method: string) => ({ jsonrpc: "2.0" as const, method });
  const a = await store.storeEvent("stream-a", message("a1"));
  clock.advance(5);
  const b = await store.storeEvent("stream-b", message("b1"));
  clock.advance(5);
  const a2 = await store.storeEvent("stream-a", message("a2"));
  const get = await store.storeEvent("_GET_stream", message("g1"));
  assert.match(a, /^stream-a:001700000000000-\d{21}$/);
  assert.match(b, /^stream-b:001700000000005-\d{21}$/);
  assert.match(a2, /^stream-a:001700000000000-\d{21}$/, "a stream keeps its opening time");
  assert.match(get, /^_GET_stream:\d{21}$/);
  const order = (await Array.fromAsync(kv.list({ prefix: ["mcp_events"] })))
    .map((entry) => String(entry.key[1]));
  assert.deepEqual(order, [
    "001700000000000/zz-session/stream-a",
    "001700000000000/zz-session/stream-a",
    "001700000000005/zz-session/stream-b",
    "zz-session/_GET_stream",
  ]);

  // Another process resumes stream-a from its first event, then adds to it under the same key.
  const other = createKvEventStore({ kv, clock, sessionId: "zz-session" });
  const seen: string[] = [];
  await other.replayEventsAfter(a, {
    send: (id, m) => Promise.resolve(void seen.push(`${id} ${(m as { method: string }).method}`)),
  });
  assert.deepEqual(seen, [`${a2} a2`]);
  clock.advance(60_000);
  assert.match(
    await other.storeEvent("stream-a", message("a3")),
    /^stream-a:001700000000000-\d{21}$/,
  );

  // Records written under the older layout (`<session>/<stream>`, ids `<stream>:<sequence>`).
  const sequence = (n: number) => `001700000000000${String(n).padStart(6, "0")}`;
  for (const n of [1, 2]) {
    await kv.set(["mcp_events", "zz-session/old-stream", sequence(n)], {
      message: message(`old${n}`),
      expiresAt: clock.now() + 60_000,
    });
  }
  const old: string[] = [];
  await other.replayEventsAfter(`old-stream:${sequence(1)}`, {
    send: (id, m) => Promise.resolve(void old.push(`${id} ${(m as { method: string }).method}`)),
  });
  assert.deepEqual(old, [`old-stream:${sequence(2)} old2`]);

  // A stream idle for longer than events live is forgotten (its events have expired).
  clock.advance(EVENT_TTL_MS);
  await store.storeEvent("stream-c", message("c1"));
  const reopened = await store.storeEvent("stream-b", message("b2"));
  assert.equal(reopened.split(":")[1]!.split("-")[0], String(clock.now()).padStart(15, "0"));

  // A stream is let go once its response is stored; the last 16 answered keep their time.
  const openedOf = (id: string) => id.split(":")[1]!.split("-")[0];
  const answer = (id: number) => ({ jsonrpc: "2.0" as const, id, result: {} });
  const first = await store.storeEvent("stream-r", {} as never);
  clock.advance(1);
  assert.equal(openedOf(await store.storeEvent("stream-r", answer(1))), openedOf(first));
  assert.equal(openedOf(await store.storeEvent("stream-r", answer(2))), openedOf(first));
  for (let i = 0; i < 16; i++) await store.storeEvent(`later-${i}`, answer(10 + i));
  assert.notEqual(openedOf(await store.storeEvent("stream-r", answer(3))), openedOf(first));
});

Deno.test("mcp event store: an event over one KV value is kept in parts; one over a commit is sent but not kept", async () => {
  using kv = await memoryKv();
  const clock = manualClock();
  const tooLarge: number[] = [];
  const store = createKvEventStore({
    kv,
    clock,
    sessionId: "s1",
    onTooLarge: (chars) => tooLarge.push(chars),
  });
  const start = await store.storeEvent("s", {} as never);
  // Two-byte characters: 200 000 of them are 400 KB, far over KV's 64 KiB per value.
  const big = {
    jsonrpc: "2.0" as const,
    method: "notifications/big",
    params: { text: "é€".repeat(100_000) },
  };
  await store.storeEvent("s", big);
  const huge = {
    jsonrpc: "2.0" as const,
    method: "notifications/huge",
    params: { text: "x".repeat(400_000) },
  };
  const hugeId = await store.storeEvent("s", huge);
  assert.match(hugeId, /^s:\d{15}-\d{21}$/, "a huge event still gets an id (it is sent)");
  assert.equal(tooLarge.length, 1);
  await store.storeEvent("s", { jsonrpc: "2.0", method: "notifications/after" });
  const seen: unknown[] = [];
  await createKvEventStore({ kv, clock, sessionId: "s1" }).replayEventsAfter(start, {
    send: (_id, message) => Promise.resolve(void seen.push(message)),
  });
  assert.equal(seen.length, 2);
  assert.deepEqual(seen[0], big, "the parts join back into the same message");
  assert.equal((seen[1] as { method: string }).method, "notifications/after");
});

Deno.test("mcp sessions: a GET without Last-Event-ID is refused with 405 and Allow, since nothing is ever sent outside a request's stream", async () => {
  using kv = await memoryKv();
  const { app, sessions } = demoApp({ kv });
  const init = await app.fetch(rpc(INIT, auth));
  const session = init.headers.get("mcp-session-id")!;
  await init.text();
  const headers = { ...auth, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" };
  const get = await app.fetch(
    new Request("http://127.0.0.1:8000/mcp", {
      method: "GET",
      headers: { ...headers, accept: "text/event-stream" },
    }),
  );
  assert.equal(get.status, 405);
  assert.equal(get.headers.get("allow"), "POST, DELETE");
  const body = await get.json();
  assert.equal(body.error.code, -32000);
  assert.match(body.error.message, /no standalone GET stream/);
  // The session is unharmed: the SDK client treats 405 as "no stream" and calls go on.
  const ping = await app.fetch(rpc({ jsonrpc: "2.0", id: 3, method: "ping" }, headers));
  assert.equal(ping.status, 200);
  assert.deepEqual((await sseMessages(ping)).find((m) => m.id === 3)?.result, {});
  await sessions.closeAll();
});

Deno.test("mcp sessions: a client resumes a broken stream with Last-Event-ID on a restarted process", async () => {
  using kv = await memoryKv();
  const items = new Map([[1, "one"]]);
  const first = demoApp({ kv, items });
  const init = await first.app.fetch(rpc(INIT, auth));
  const session = init.headers.get("mcp-session-id")!;
  await init.text();
  const headers = { ...auth, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" };
  await first.app.fetch(rpc({ jsonrpc: "2.0", method: "notifications/initialized" }, headers));
  const call = {
    jsonrpc: "2.0",
    id: 9,
    method: "tools/call",
    params: { name: "demo_list", arguments: {} },
  };
  const text = await (await first.app.fetch(rpc(call, headers))).text();
  const ids = [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1]);
  assert.match(text, /^retry: \d+$/m, "the priming event carries a retry hint");
  assert.ok(ids.length >= 2, text);
  await first.sessions.closeAll(); // the process goes away

  const second = demoApp({ kv, items });
  const resumed = await second.app.fetch(
    new Request("http://127.0.0.1:8000/mcp", {
      method: "GET",
      headers: { ...headers, accept: "text/event-stream", "last-event-id": ids[0] },
    }),
  );
  assert.equal(resumed.status, 200);
  const reader = resumed.body!.pipeThrough(new TextDecoderStream()).getReader();
  let replay = "";
  while (!replay.includes('"id":9')) {
    const { value, done } = await reader.read();
    if (done) break;
    replay += value;
  }
  await reader.cancel();
  assert.match(replay, /"structuredContent":\{"items":\[\{"id":1,"name":"one"\}\]\}/);
  await second.sessions.closeAll();
});

Deno.test("mcp sessions: logging/setLevel filters tools' log messages, and a session rebuilt on another process keeps the level", async () => {
  using kv = await memoryKv();
  const logging = defineTool({
    name: "demo_log",
    toolset: "tables",
    title: "Log twice",
    description: "Logs a detail and a problem.",
    input: {},
    output: { logged: z.number() },
    annotations: demoTools[0]!.annotations, // demo_list's: a read
    scope: "xano:read",
    async handler(_args, _deps: DemoDeps, ctx) {
      await ctx.log("info", "a detail");
      await ctx.log("error", "a problem");
      return ok({ logged: 2 }, "logged");
    },
  });
  const tools = [...demoTools, logging];
  const a = demoApp({ kv, tools });
  const b = demoApp({ kv, tools });
  let target = a.app;
  const transport = new StreamableHTTPClientTransport(new URL("http://127.0.0.1:8000/mcp"), {
    requestInit: { headers: auth },
    fetch: async (input, init) => await target.fetch(new Request(input, init)),
  });
  const client = new Client({ name: "t", version: "1" });
  const logged: string[] = [];
  client.fallbackNotificationHandler = (notification) => {
    if (notification.method === "notifications/message") {
      logged.push(String((notification.params as { data: unknown }).data));
    }
    return Promise.resolve();
  };
  await client.connect(transport);
  const logTwice = async () => {
    logged.length = 0;
    const result = await client.callTool({ name: "demo_log", arguments: {} });
    assert.equal(result.isError, undefined, JSON.stringify(result.content));
    return [...logged];
  };
  assert.deepEqual(await logTwice(), ["a detail", "a problem"], "no level set: everything");
  await client.setLoggingLevel("error");
  assert.deepEqual(await logTwice(), ["a problem"]);

  target = b.app; // another process: it rebuilds the session from its KV record
  assert.deepEqual(await logTwice(), ["a problem"], "the rebuilt session keeps the level");
  await client.setLoggingLevel("debug");
  target = a.app;
  await a.sessions.closeAll(); // a restart of the first process: rebuilt again, at debug
  assert.deepEqual(await logTwice(), ["a detail", "a problem"]);
  await client.close();
  await a.sessions.closeAll();
  await b.sessions.closeAll();
});

Deno.test("mcp sessions: a session still answering a request is not closed over the bound, however long ago the request started", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.now());
  const items = new Map([[1, "one"], [2, "two"]]);
  const { app, sessions } = demoApp({
    kv,
    clock,
    items,
    sessions: { maxLive: 1, evictAfterQuietMs: 60_000 },
  });
  let askedToConfirm!: () => void;
  const asked = new Promise<void>((resolve) => askedToConfirm = resolve);
  let answer!: (value: { action: "accept"; content: { confirm: boolean } }) => void;
  const answered = new Promise<{ action: "accept"; content: { confirm: boolean } }>((resolve) =>
    answer = resolve
  );
  const waiting = await connect(app, { token: "token-full", capabilities: { elicitation: {} } });
  waiting.client.setRequestHandler(ElicitRequestSchema, () => {
    askedToConfirm();
    return answered;
  });
  const quiet = await connect(app, { token: "token-full" });
  for (const { client } of [waiting, quiet]) await client.ping();
  const call = waiting.client.callTool({ name: "demo_delete", arguments: { id: 2 } });
  await asked; // the tool waits for the user's answer

  clock.advance(61_000);
  const later = await connect(app, { token: "token-full" });
  // Over the bound of 1, both older sessions are quiet for 61 s by their last request's start,
  // but one is answering: only the other closes.
  assert.equal(sessions.localCount, 2);
  await later.client.ping(); // its GET request (answered 405) lands before the clock moves on
  answer({ action: "accept", content: { confirm: true } });
  const result = await call;
  assert.equal(result.isError, undefined, JSON.stringify(result.content));
  assert.equal(items.has(2), false, "the call finished on the live session");

  // Answered, it is an ordinary quiet session again: the next admission closes it.
  clock.advance(61_000);
  const last = await connect(app, { token: "token-full" });
  assert.equal(sessions.localCount, 1);
  for (const { client } of [waiting, quiet, later, last]) await client.close();
  await sessions.closeAll();
});

Deno.test("mcp sessions: over the live bound the least recently used quiet sessions close, and one closed answers again with its id and selection", async () => {
  using kv = await memoryKv();
  const clock = manualClock(Date.now());
  const { app, sessions } = demoApp({
    kv,
    clock,
    sessions: { maxLive: 2, evictAfterQuietMs: 60_000 },
  });
  const list = { name: "demo_list", arguments: {} };
  const readOnly = await connect(app, { token: "token-full", query: "?read_only=1" });
  const second = await connect(app, { token: "token-full" });
  const third = await connect(app, { token: "token-full" });
  // The bound is soft while everyone spoke recently: nothing is cut mid-request.
  assert.equal(sessions.localCount, 3);
  // Each client asks for a GET stream after initializing (405); a ping lets those requests land first.
  for (const { client } of [readOnly, second, third]) await client.ping();

  clock.advance(61_000);
  await second.client.callTool(list); // now the most recently used
  const fourth = await connect(app, { token: "token-full" });
  // readOnly and third were the least recently used and quiet for 61 s: closed here.
  assert.equal(sessions.localCount, 2);

  const id = readOnly.transport.sessionId;
  const { tools } = await readOnly.client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), ["demo_list"], "still read-only");
  assert.equal(readOnly.transport.sessionId, id);
  const result = await readOnly.client.callTool(list);
  assert.equal(result.isError, undefined);
  assert.equal(sessions.localCount, 3, "rebuilt from its KV record, back in the cache");
  assert.equal(
    (await third.client.listTools()).tools.length,
    3,
    "the other closed session is rebuilt with every tool",
  );

  for (const { client } of [readOnly, second, third, fourth]) await client.close();
  await sessions.closeAll();
});

Deno.test("mcp sessions: an elicitation answered through another process reaches the process that asked", async () => {
  using kv = await memoryKv();
  const items = new Map([[1, "one"], [2, "two"]]);
  const asker = demoApp({ kv, items });
  const other = demoApp({ kv, items });
  const relayed: number[] = [];
  // A load balancer without sticky sessions: answers (JSON-RPC responses) go to the other process.
  const transport = new StreamableHTTPClientTransport(new URL("http://127.0.0.1:8000/mcp"), {
    requestInit: { headers: auth },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const text = request.method === "POST" ? await request.clone().text() : "";
      const isAnswer = /"result"|"error"/.test(text) && !/"method"/.test(text);
      if (!isAnswer) return await asker.app.fetch(request);
      const res = await other.app.fetch(request);
      relayed.push(res.status);
      return res;
    },
  });
  const client = new Client({ name: "t", version: "1" }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(
    ElicitRequestSchema,
    () => ({ action: "accept", content: { confirm: true } }),
  );
  await client.connect(transport);
  const result = await client.callTool(
    { name: "demo_delete", arguments: { id: 2 } },
    undefined,
    { timeout: 10_000 }, // without the relay the question would wait 120 s for its answer
  );
  assert.equal(result.isError, undefined, JSON.stringify(result.content));
  assert.equal(items.has(2), false, "the tool ran with the user's yes");
  assert.deepEqual(relayed, [202], "the other process took the answer and left it in KV");
  assert.deepEqual(await Array.fromAsync(kv.list({ prefix: ["mcp_replies"] })), []);
  await client.close();
  await asker.sessions.closeAll();
  await other.sessions.closeAll();
});
