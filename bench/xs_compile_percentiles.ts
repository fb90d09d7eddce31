/**
 * `deno run bench/xs_compile_percentiles.ts [N]`: runs each compile case N
 * times (default 5000, after 500 warm-up runs) and prints p50/p90/p99 in ms,
 * using the compiler's own `timings.totalMs` (performance.now around the
 * whole pipeline). `deno bench` reports avg/p75/p99; this adds the median.
 */

import { compileSdkCode } from "../lib/xs/sdk/mod.ts";
import {
  TWENTY_ENDPOINTS,
  TYPICAL_ENDPOINT,
  TYPICAL_WITH_MISTAKES,
} from "./xs_compile_fixtures.ts";

const runs = Number(Deno.args[0] ?? 5000);
const cases: [string, string, boolean][] = [
  ["typical endpoint", TYPICAL_ENDPOINT, false],
  ["typical endpoint, 8 mistakes, auto-fix", TYPICAL_WITH_MISTAKES, true],
  ["20-endpoint multidoc", TWENTY_ENDPOINTS, false],
];

function pct(sorted: number[], p: number): string {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3);
}

console.log("| case | runs | p50 ms | p90 ms | p99 ms | translate p50 ms | validate p50 ms |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [name, code, fix] of cases) {
  const n = name.startsWith("20") ? Math.ceil(runs / 10) : runs;
  for (let i = 0; i < 500; i++) compileSdkCode(code, { fix });
  const total: number[] = [];
  const translate: number[] = [];
  const validate: number[] = [];
  for (let i = 0; i < n; i++) {
    const { timings } = compileSdkCode(code, { fix });
    total.push(timings.totalMs);
    translate.push(timings.parseMs + timings.translateMs);
    validate.push(timings.validateMs);
  }
  for (const list of [total, translate, validate]) list.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${n} | ${pct(total, 0.5)} | ${pct(total, 0.9)} | ${pct(total, 0.99)} | ${
      pct(translate, 0.5)
    } | ${pct(validate, 0.5)} |`,
  );
}
