import assert from "node:assert/strict";
import { main } from "@/cli.ts";
import { memoryIo } from "./_memory_io.ts";

const GOOD = `function a {
  input {
  }
  stack {
    var $x {
      value = 1
    }
  }
  response = $x
}`;
const BROKEN = GOOD.replace("var $x", "var x");
const HOPELESS = GOOD.replace("function a {", "query a verb=HEAD {");

Deno.test("cli validate: prints OK per valid file and exits 0", async () => {
  const io = memoryIo({ "a.xs": GOOD, "b.xs": GOOD });
  assert.equal(await main(["validate", "a.xs", "b.xs"], io), 0);
  assert.deepEqual(io.out, ["OK a.xs\n", "OK b.xs\n"]);
});

Deno.test("cli validate: prints path:line:col for an invalid file and exits 1", async () => {
  const io = memoryIo({ "a.xs": GOOD, "bad.xs": BROKEN });
  assert.equal(await main(["validate", "a.xs", "bad.xs"], io), 1);
  assert.equal(io.out[0], "OK a.xs\n");
  assert.match(io.out[1], /^bad\.xs:5:9: Expected a variable such as '\$x' after 'var'/);
});

Deno.test("cli validate: walks directories recursively for .xs files", async () => {
  const io = memoryIo({
    "proj/api/a.xs": GOOD,
    "proj/api/notes.md": "not xanoscript",
    "proj/function/deep/b.xs": BROKEN,
  });
  assert.equal(await main(["validate", "proj"], io), 1);
  assert.equal(io.out.length, 2);
  assert.equal(io.out[0], "OK proj/api/a.xs\n");
  assert.match(io.out[1], /^proj\/function\/deep\/b\.xs:5:9: /);
});

Deno.test("cli validate: reports unreadable files and missing arguments", async () => {
  const io = memoryIo({});
  assert.equal(await main(["validate", "missing.xs"], io), 1);
  assert.match(io.out[0], /^missing\.xs:1:1: cannot read the file: No such file/);
  const empty = memoryIo({});
  assert.equal(await main(["validate"], empty), 2);
  assert.match(empty.err[0], /^Usage: deno task validate/);
});

Deno.test("cli fix: prints the fixed text and lists fixes on stderr", async () => {
  const io = memoryIo({ "bad.xs": BROKEN });
  assert.equal(await main(["fix", "bad.xs"], io), 0);
  assert.equal(io.out.join(""), GOOD + "\n");
  assert.deepEqual(io.err, ["bad.xs:5: var-needs-dollar: var x { -> var $x {\n"]);
  assert.equal(io.files["bad.xs"], BROKEN);
});

Deno.test("cli fix --write: rewrites the file and prints nothing on stdout", async () => {
  const io = memoryIo({ "bad.xs": BROKEN });
  assert.equal(await main(["fix", "bad.xs", "--write"], io), 0);
  assert.equal(io.files["bad.xs"], GOOD);
  assert.deepEqual(io.out, []);
});

Deno.test("cli fix: exits 1 and shows the remaining error when no repair applies", async () => {
  const io = memoryIo({ "h.xs": HOPELESS });
  assert.equal(await main(["fix", "h.xs", "--write"], io), 1);
  assert.equal(io.files["h.xs"], HOPELESS);
  assert.match(io.err.join(""), /h\.xs:1:14: Expected one of GET, POST, PUT, PATCH, DELETE/);
});

Deno.test("cli: unknown command prints usage and exits 2", async () => {
  const io = memoryIo({});
  assert.equal(await main(["nope"], io), 2);
  assert.match(io.err[0], /validate\|fix/);
});
