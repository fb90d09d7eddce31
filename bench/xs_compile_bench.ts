/**
 * `deno bench bench/xs_compile_bench.ts`: SDK code → XanoScript. "compile"
 * is the whole pipeline (acorn parse, interpret, auto-fix when on, print,
 * validate with the XanoScript validator); "translate" stops before validation.
 */

import { compileSdkCode } from "../lib/xs/sdk/mod.ts";
import {
  TWENTY_ENDPOINTS,
  TYPICAL_ENDPOINT,
  TYPICAL_WITH_MISTAKES,
} from "./xs_compile_fixtures.ts";

const noValidation = () => [];

for (
  const [name, code] of [["typical endpoint", TYPICAL_ENDPOINT], [
    "20-endpoint multidoc",
    TWENTY_ENDPOINTS,
  ]]
) {
  if (!compileSdkCode(code).ok) throw new Error(`benchmark input "${name}" does not compile`);
}

Deno.bench("compile: typical endpoint", { group: "typical", baseline: true }, () => {
  compileSdkCode(TYPICAL_ENDPOINT);
});

Deno.bench("translate only (no validation): typical endpoint", { group: "typical" }, () => {
  compileSdkCode(TYPICAL_ENDPOINT, { validate: noValidation });
});

Deno.bench("compile + auto-fix: typical endpoint with 8 mistakes", { group: "typical" }, () => {
  compileSdkCode(TYPICAL_WITH_MISTAKES, { fix: true });
});

Deno.bench("compile: 20-endpoint multidoc", { group: "multidoc" }, () => {
  compileSdkCode(TWENTY_ENDPOINTS);
});

Deno.bench("compile + auto-fix: 20-endpoint multidoc", { group: "multidoc" }, () => {
  compileSdkCode(TWENTY_ENDPOINTS, { fix: true });
});
