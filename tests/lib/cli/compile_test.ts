import assert from "node:assert/strict";
import { main } from "@/cli.ts";
import { memoryIo } from "./_memory_io.ts";

const GOOD = "create('ping', 'GET').response({ ok: true })";
const FIXABLE = "create('ping', 'get').returns({ ok: true })";
const BAD = "create('ping', 'GET').response(process.env.X)";

Deno.test("cli compile: prints XanoScript on stdout and exits 0", async () => {
  const io = memoryIo({ "ping.js": GOOD });
  assert.equal(await main(["compile", "ping.js"], io), 0);
  assert.deepEqual(io.out, [
    "query ping verb=GET {\n  input {\n  }\n\n  stack {\n  }\n\n  response = {ok: true}\n}\n",
  ]);
  assert.deepEqual(io.err, []);
});

Deno.test("cli compile: reports repairs on stderr, and --no-fix turns them off", async () => {
  const io = memoryIo({ "ping.js": FIXABLE });
  assert.equal(await main(["compile", "ping.js"], io), 0);
  assert.deepEqual(io.err, [
    'ping.js:1: fixed (verb-uppercase): ["ping","get"] -> ["ping","GET"]\n',
    "ping.js:1: fixed (method-alias): .returns( -> .response(\n",
  ]);
  const strict = memoryIo({ "ping.js": FIXABLE });
  assert.equal(await main(["compile", "ping.js", "--no-fix"], strict), 1);
  assert.ok(strict.err.some((l) => /^ping\.js:1:23: \.returns\(\) is not a method/.test(l)));
});

Deno.test("cli compile: errors are path:line:col on stderr with exit 1", async () => {
  const io = memoryIo({ "bad.js": BAD });
  assert.equal(await main(["compile", "bad.js"], io), 1);
  assert.ok(
    io.err.includes('bad.js:1:32: "process" is not available in SDK code\n'),
    io.err.join(""),
  );
  assert.deepEqual(io.out, ["query ping verb=GET {\n  input {\n  }\n\n  stack {\n  }\n}\n"]);
});

Deno.test("cli compile: --json prints xanoscript, diagnostics and fixes", async () => {
  const io = memoryIo({ "ping.js": FIXABLE });
  assert.equal(await main(["compile", "ping.js", "--json"], io), 0);
  const body = JSON.parse(io.out.join(""));
  assert.deepEqual(Object.keys(body), ["xanoscript", "diagnostics", "fixes"]);
  assert.match(body.xanoscript, /^query ping verb=GET/);
  assert.equal(body.fixes.length, 2);
  assert.deepEqual(io.err, []);
});

Deno.test("cli compile: reads standard input for - or no file", async () => {
  for (const args of [["compile", "-"], ["compile"]]) {
    const io = { ...memoryIo({}), readStdin: () => Promise.resolve(GOOD) };
    assert.equal(await main(args, io), 0);
    assert.match(io.out[0], /^query ping/);
  }
  const noStdin = memoryIo({});
  assert.equal(await main(["compile", "-"], noStdin), 1);
  assert.match(noStdin.err[0], /Standard input is not available/);
});

Deno.test("cli compile: bad usage and missing files get a clear message", async () => {
  const missing = memoryIo({});
  assert.equal(await main(["compile", "nope.js"], missing), 1);
  assert.match(missing.err[0], /^Cannot read "nope\.js": No such file/);
  const flag = memoryIo({});
  assert.equal(await main(["compile", "a.js", "--jsno"], flag), 2);
  assert.match(flag.err[0], /^Unknown option --jsno\nUsage: deno task compile/);
  const two = memoryIo({});
  assert.equal(await main(["compile", "a.js", "b.js"], two), 2);
});
