import assert from "node:assert/strict";
import { run } from "@/lib/cli/deploy.ts";
import { lineChanges } from "@/lib/cli/deploy_plan.ts";
import { metaSandbox } from "../sandbox/_helpers.ts";
import { memoryIo } from "./_memory_io.ts";

const PING = "create('ping', 'GET').response({ ok: true })";
const PING_V2 = "create('ping', 'GET').response({ ok: true, v: 2 })";

async function setup() {
  const { sandbox, token, meta } = await metaSandbox();
  const workspaces = await meta("GET", "/workspace");
  const workspaceId: number = workspaces.body[0].id;
  const groups = await meta("GET", `/workspace/${workspaceId}/apigroup`);
  const apiGroupId: number = groups.body.items[0].id;
  const env = new Map([
    ["XANO_META_URL", "http://sandbox.test/api:meta"],
    ["XANO_META_TOKEN", token],
  ]);
  const deps = { env, fetch: (r: Request) => sandbox.fetch(r) };
  const args = (file: string, ...extra: string[]) => [
    file,
    "--workspace",
    String(workspaceId),
    "--api-group",
    String(apiGroupId),
    ...extra,
  ];
  const apis = async () =>
    (await meta("GET", `/workspace/${workspaceId}/apigroup/${apiGroupId}/api`)).body.items;
  return { deps, args, apis };
}

Deno.test("cli deploy: --dry-run shows the plan and changes nothing", async () => {
  const { deps, args, apis } = await setup();
  const before = (await apis()).length;
  const io = memoryIo({ "ping.js": PING });
  assert.equal(await run(args("ping.js", "--dry-run"), io, deps), 0);
  const err = io.err.join("");
  assert.match(err, /Plan:\n {2}\+ create query ping GET\n/);
  assert.match(err, /Dry run: 1 change\(s\) planned, nothing was changed/);
  assert.equal((await apis()).length, before);
  assert.deepEqual(io.out, []);
});

Deno.test("cli deploy: creates, then updates, then sees nothing to change", async () => {
  const { deps, args, apis } = await setup();
  const io = memoryIo({ "ping.js": PING, "ping2.js": PING_V2 });
  assert.equal(await run(args("ping.js"), io, deps), 0, io.err.join(""));
  assert.match(io.out[0], /^created query ping GET #\d+\n$/);
  const created = (await apis()).find((a: { name: string }) => a.name === "ping");
  assert.ok(created);

  const update = memoryIo({ "ping2.js": PING_V2 });
  assert.equal(await run(args("ping2.js"), update, deps), 0, update.err.join(""));
  assert.match(
    update.err.join(""),
    new RegExp(`~ update query ping GET \\(#${created.id}\\): \\+1 -1 lines`),
  );
  assert.equal(update.out[0], `updated query ping GET #${created.id}\n`);

  const again = memoryIo({ "ping2.js": PING_V2 });
  assert.equal(await run(args("ping2.js"), again, deps), 0);
  assert.match(again.err.join(""), /= unchanged query ping GET/);
  assert.match(again.err.join(""), /Nothing to change/);
});

Deno.test("cli deploy: invalid code is reported and nothing is sent", async () => {
  let calls = 0;
  const deps = {
    env: new Map([["XANO_META_URL", "http://x.test/api:meta"], ["XANO_META_TOKEN", "t"]]),
    fetch: () => {
      calls++;
      return Promise.reject(new Error("no network in this test"));
    },
  };
  const io = memoryIo({
    "bad.js": "fetch('https://evil.test')",
    "bad.xs": "query a verb=HEAD {\n}",
  });
  for (const file of ["bad.js", "bad.xs"]) {
    assert.equal(await run([file, "--workspace", "1", "--api-group", "2"], io, deps), 1);
  }
  assert.equal(calls, 0);
  assert.match(io.err.join(""), /bad\.js:1:1: "fetch" is not available/);
  assert.match(io.err.join(""), /Nothing was deployed: fix the errors above first/);
});

Deno.test("cli deploy: missing settings and bad arguments get clear messages", async () => {
  const deps = { env: new Map<string, string>(), fetch: () => Promise.reject(new Error("x")) };
  const io = memoryIo({ "ping.js": PING });
  assert.equal(await run(["ping.js", "--workspace", "1", "--api-group", "2"], io, deps), 1);
  assert.match(io.err.join(""), /Set XANO_META_URL .* and XANO_META_TOKEN/);
  for (
    const bad of [[], ["ping.js"], ["ping.js", "--workspace", "x", "--api-group", "2"], ["a", "b"]]
  ) {
    const out = memoryIo({});
    assert.equal(await run(bad, out, deps), 2, bad.join(" "));
    assert.match(out.err.join(""), /Usage: deno task deploy FILE/);
  }
});

Deno.test("cli deploy: an upstream failure stops and says what was applied", async () => {
  const { deps, args } = await setup();
  const failing = {
    ...deps,
    fetch: (r: Request) =>
      r.method === "POST"
        ? Promise.resolve(new Response(JSON.stringify({ message: "boom" }), { status: 500 }))
        : deps.fetch(r),
  };
  const io = memoryIo({ "two.js": PING + "; create('pong', 'GET').response(1)" });
  assert.equal(await run(args("two.js"), io, failing), 1);
  assert.match(io.err.join(""), /Failed to create query ping GET: /);
  assert.match(io.err.join(""), /Stopped: 0 of 2 change\(s\) applied, 1 not attempted/);
});

Deno.test("cli deploy: an api_group that names another group stops before any change", async () => {
  const { deps, args, apis } = await setup();
  const before = (await apis()).length;
  const io = memoryIo({ "g.js": "create('ping', 'GET').apiGroup('nope').response(1)" });
  assert.equal(await run(args("g.js"), io, deps), 1);
  assert.match(
    io.err.join(""),
    /! conflict query ping GET: the script says api_group = "nope" but API group \d+ is "/,
  );
  assert.match(io.err.join(""), /Nothing was deployed: resolve the conflicts above/);
  assert.equal((await apis()).length, before);
});

Deno.test("cli deploy: tables, functions, endpoints and tasks from one program", async () => {
  const { deps, args } = await setup();
  const code = `
    createTable('note').field('text', 'text');
    createFunction('notes/count').dbQuery('note', { return: 'count' }, 'n').response('$n');
    create('notes', 'GET').dbQuery('note', {}, 'notes').response('$notes');
    createTask('notes_cleanup').dbBulkDelete('note', '$db.note.text == ""', 'gone')
      .schedule([{ starts_on: '2025-01-01 00:00:00+0000', freq: 86400 }]);`;
  const io = memoryIo({ "all.js": code });
  assert.equal(await run(args("all.js"), io, deps), 0, io.err.join(""));
  assert.deepEqual(io.out.map((l) => l.replace(/#\d+/, "#n")), [
    "created table note #n\n",
    "created function notes/count #n\n",
    "created query notes GET #n\n",
    "created task notes_cleanup #n\n",
  ]);
  const again = memoryIo({ "all.js": code });
  assert.equal(await run(args("all.js"), again, deps), 0);
  assert.equal((again.err.join("").match(/= unchanged/g) ?? []).length, 4);
});

Deno.test("lineChanges: counts added and removed lines as multisets", () => {
  assert.deepEqual(lineChanges("a\nb\nc", "a\nc\nd\ne"), { added: 2, removed: 1 });
  assert.deepEqual(lineChanges("", "x"), { added: 1, removed: 1 });
});
