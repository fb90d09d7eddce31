import assert from "node:assert/strict";
import { numberOption, option, options, refuseUnknown } from "../../bench/_args.ts";

Deno.test("bench args: values come as --name value or --name=value, repeatable ones in order", () => {
  const args = ["--calls", "40", "--v8-flags=--max-old-space-size=1024", "--flag", "a", "--flag=b"];
  assert.equal(option("calls", args), "40");
  assert.equal(option("v8-flags", args), "--max-old-space-size=1024");
  assert.deepEqual(options("flag", args), ["a", "b"]);
  assert.equal(option("soak", args), undefined);
  assert.deepEqual(options("baseline-flag", ["--baseline-flag", "x"]), ["x"]);
  assert.deepEqual(options("flag", ["--baseline-flag", "x"]), []);
});

Deno.test("bench args: numbers must be non-negative numbers, absent ones take the default", () => {
  assert.equal(numberOption("calls", 40, []), 40);
  assert.equal(numberOption("calls", 40, ["--calls=200"]), 200);
  assert.throws(() => numberOption("calls", 40, ["--calls", "many"]), /--calls must be a number/);
  assert.throws(() => numberOption("calls", 40, ["--calls", "-1"]), /--calls must be a number/);
});

Deno.test("bench args: an unknown option stops the run; a value that looks like an option does not", () => {
  refuseUnknown(["v8-flags", "calls"], ["quiet"], [
    "--v8-flags",
    "--optimize-for-size",
    "--quiet",
    "--calls=3",
  ]);
  assert.throws(
    () => refuseUnknown(["calls"], ["quiet"], ["--calls", "3", "--bogus"]),
    /Unknown option --bogus; known: --calls --quiet/,
  );
});
