import assert from "node:assert/strict";
import type { ManualClock } from "../../lib/clock.ts";
import { manualClock } from "../../lib/clock.ts";
import { csvRow } from "../../routes/dashboard/event_routes.tsx";
import { memoryKv } from "../_helpers.ts";
import { harness } from "./_client.ts";

async function seeded(kv: Deno.Kv) {
  const clock: ManualClock = manualClock(Date.UTC(2026, 10, 20, 12));
  const h = await harness(kv, { clock });
  const base = { userId: h.userId, clientId: "client-claude", clientName: "Claude" };
  for (let i = 0; i < 60; i++) {
    clock.advance(1000);
    await h.audit.record({
      ...base,
      tool: i % 3 === 0 ? "xano_create_table" : "xano_list_tables",
      args: { workspace_id: 1, i },
      ok: i % 10 !== 0,
      durationMs: 10 + i,
      ...(i % 10 === 0 ? { error: "Xano returned 500" } : {}),
    });
  }
  await h.audit.record({
    ...base,
    userId: "someone-else",
    tool: "secret_tool",
    args: {},
    ok: true,
    durationMs: 1,
  });
  return { h, clock };
}

Deno.test("events: newest first, paginated with an Older link, only the user's own", async () => {
  using kv = await memoryKv();
  const { h } = await seeded(kv);
  const html = await (await h.get("/dashboard/events")).text();
  assert.equal(html.match(/<tr>/g)?.length, 51, "header + 50 rows");
  assert.doesNotMatch(html, /secret_tool/);
  assert.match(html, /&quot;?workspace_id|workspace_id:1,i:59/);
  const older = /href="(\/dashboard\/events\?[^"]*cursor=[^"]+)" rel="next"/.exec(html)?.[1];
  assert.ok(older, "has an Older link");
  const page2 = await (await h.get(older!.replaceAll("&amp;", "&"))).text();
  assert.equal(page2.match(/<tr>/g)?.length, 11);
  assert.match(page2, /← Newest/);
  assert.doesNotMatch(page2, /rel="next"/);
});

Deno.test("events: filters by outcome and tool; bad filter values fall back safely", async () => {
  using kv = await memoryKv();
  const { h } = await seeded(kv);
  const failed = await (await h.get("/dashboard/events?outcome=error")).text();
  assert.equal(failed.match(/<tr>/g)?.length, 7);
  assert.match(failed, /Xano returned 500/);
  const tool = await (await h.get("/dashboard/events?tool=xano_create_table&window=all")).text();
  assert.equal(tool.match(/<tr>/g)?.length, 21);
  assert.match(tool, /<option value="xano_create_table" selected/);
  const junk = await h.get("/dashboard/events?outcome=%3Cscript%3E&window=forever&cursor=zzz");
  assert.equal(junk.status, 400);
  const junkHtml = await junk.text();
  assert.match(junkHtml, /page link is out of date/);
  assert.doesNotMatch(junkHtml, /<script>/);
  const fallback = await (await h.get("/dashboard/events?outcome=%3Cscript%3E&window=forever"))
    .text();
  assert.match(fallback, /<option value="7d" selected/);
  assert.equal(fallback.match(/<tr>/g)?.length, 51);
});

Deno.test("events: CSV export carries the filter, quotes cells and neutralises formulas", async () => {
  using kv = await memoryKv();
  const { h } = await seeded(kv);
  const res = await h.get("/dashboard/events.csv?outcome=error");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/csv/);
  assert.match(
    res.headers.get("content-disposition") ?? "",
    /attachment; filename="xano-mcp-events-2026-11-20\.csv"/,
  );
  const lines = (await res.text()).trimEnd().split("\r\n");
  assert.equal(lines[0], "time,client,client_id,tool,arguments,outcome,duration_ms,error");
  assert.equal(lines.length, 7);
  assert.ok(lines.slice(1).every((l) => l.includes(",error,")));
  const row = csvRow({
    id: "1",
    at: 0,
    userId: "u",
    clientId: "c",
    clientName: '=HYPERLINK("x")',
    tool: "t",
    args: 'a,"b"',
    outcome: "ok",
    durationMs: 3,
  });
  assert.equal(row, `1970-01-01T00:00:00.000Z,"'=HYPERLINK(""x"")",c,t,"a,""b""",ok,3,`);
});

Deno.test("usage: SVG charts for calls, errors, latency and deploys with a range switch", async () => {
  using kv = await memoryKv();
  const { h, clock } = await seeded(kv);
  await h.audit.record({
    at: clock.now() - 3 * 86_400_000,
    userId: h.userId,
    clientId: "c",
    clientName: "Cursor",
    tool: "deploy_sdk_code",
    args: {},
    ok: true,
    durationMs: 300,
    deploy: { ok: true, autoFixed: true },
  });
  const html = await (await h.get("/dashboard/usage")).text();
  assert.match(html, /<svg[^>]*role="img"/);
  assert.equal(html.match(/<svg/g)?.length, 4);
  assert.match(html, /<rect class="bar series-\d"/);
  assert.match(html, /xano_list_tables/);
  assert.match(html, /<polyline/);
  assert.match(html, /Tool calls<\/span><span class="stat-value">61</);
  assert.match(html, /Deploy success<\/span><span class="stat-value">100%/);
  assert.match(html, /href="\/dashboard\/usage\?range=7d" aria-current="page"/);
  const month = await (await h.get("/dashboard/usage?range=30d")).text();
  assert.match(month, /href="\/dashboard\/usage\?range=30d" aria-current="page"/);
  assert.equal(month.match(/<tr><th scope="row">2026-/g)?.length, 30 * 4);
  const bogus = await (await h.get("/dashboard/usage?range=999d")).text();
  assert.match(bogus, /range=7d" aria-current="page"/);
});

Deno.test("overview: recent activity lists the latest tool calls", async () => {
  using kv = await memoryKv();
  const { h } = await seeded(kv);
  const html = await (await h.get("/dashboard")).text();
  assert.equal(html.match(/<li><span class="badge/g)?.length, 5);
});
