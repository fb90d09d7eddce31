/**
 * Validator throughput over a directory of `.xs` files (not committed):
 * `deno run --allow-read bench/xs_throughput.ts DIR [RUNS]`. Prints files,
 * megabytes, verdict counts and MB/s (best of RUNS passes after warm-up).
 */

import { isValid, validateXanoScript } from "../lib/xs/mod.ts";
import { expandPaths } from "../lib/cli/validate.ts";

const [dir, runsArg] = Deno.args;
if (!dir) {
  console.error("Usage: deno run --allow-read bench/xs_throughput.ts DIR [RUNS]");
  Deno.exit(2);
}
const io = {
  readFile: (p: string) => Deno.readTextFile(p),
  writeFile: () => Promise.resolve(),
  async readDir(p: string) {
    if (!(await Deno.stat(p)).isDirectory) return undefined;
    const out = [];
    for await (const e of Deno.readDir(p)) out.push({ name: e.name, isDirectory: e.isDirectory });
    return out;
  },
  stdout: () => {},
  stderr: () => {},
};
const files = await expandPaths([dir], io);
const texts = await Promise.all(files.map((f) => Deno.readTextFile(f)));
const bytes = texts.reduce((n, t) => n + new TextEncoder().encode(t).length, 0);
const valid = texts.filter((t) => isValid(validateXanoScript(t))).length;
for (let w = 0; w < 5; w++) for (const t of texts) validateXanoScript(t);
const runs = Number(runsArg ?? 30);
let best = Infinity;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  for (const t of texts) validateXanoScript(t);
  best = Math.min(best, performance.now() - t0);
}
const mb = bytes / 1e6;
console.log(
  `${files.length} files, ${mb.toFixed(3)} MB, ${valid} valid / ${files.length - valid} invalid, ` +
    `${best.toFixed(2)} ms per pass, ${(mb / (best / 1000)).toFixed(1)} MB/s`,
);
