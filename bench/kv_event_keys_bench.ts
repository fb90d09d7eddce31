/**
 * `deno bench --allow-all bench/kv_event_keys_bench.ts`: why the event store
 * keys a request stream by when it opened. One group commit of ten concurrent
 * answers (ten SSE events, their audit records and the shared counters) on a KV
 * file already holding 20,000 events, with the events keyed the way the store
 * did before (`<session>/<stream>`: random places, as request stream ids are
 * random) and the way it does now (`<opened>/<session>/<stream>`: the end of
 * the key order). SQLite writes every B-tree page a commit touches to its WAL,
 * so scattered keys cost a page each.
 */

const message = {
  jsonrpc: "2.0",
  id: 7,
  result: {
    content: [{ type: "text", text: "3 table(s) in workspace 1\n- 1: users\n- 2: products" }],
    structuredContent: { tables: [{ id: 1, name: "users" }, { id: 2, name: "products" }] },
  },
};
const ttl = 15 * 60_000;

async function prepared(
  layout: "random" | "opened",
): Promise<{ kv: Deno.Kv; commit(): Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: `xmcp-event-keys-${layout}-` });
  const kv = await Deno.openKv(`${dir}/kv.sqlite3`);
  let clock = 1_700_000_000_000;
  const streamKey = () => {
    const session = crypto.randomUUID(), stream = crypto.randomUUID();
    return layout === "random"
      ? `${session}/${stream}`
      : `${String(clock++).padStart(15, "0")}/${session}/${stream}`;
  };
  for (let batch = 0; batch < 40; batch++) {
    const op = kv.atomic();
    for (let i = 0; i < 500; i++) {
      op.set(["mcp_events", streamKey(), "000000000000001000001"], { message, expiresAt: 0 }, {
        expireIn: ttl,
      });
    }
    await op.commit();
  }
  let n = 0;
  return {
    kv,
    async commit() {
      const op = kv.atomic();
      for (let i = 0; i < 10; i++) {
        n++;
        op.set(["mcp_events", streamKey(), "000000000000002000001"], { message, expiresAt: 0 }, {
          expireIn: ttl,
        });
        op.set(["audit", "u-1", `${String(clock).padStart(15, "0")}-${n}`], { tool: "t", n }, {
          expireIn: ttl,
        });
      }
      op.sum(["usage", "u-1", "2026-11-21", "t", "calls"], 10n);
      op.set(["audit_seen", "u-1", "tool", "t"], { lastAt: clock }, { expireIn: ttl });
      await op.commit();
    },
  };
}

const random = await prepared("random");
const opened = await prepared("opened");

Deno.bench("event keys: a commit of 10 answers, events at random key places (before)", {
  group: "event keys",
  baseline: true,
}, async () => {
  await random.commit();
});

Deno.bench("event keys: a commit of 10 answers, events keyed by stream opening time (now)", {
  group: "event keys",
}, async () => {
  await opened.commit();
});
