/**
 * The compiler as the playground island sees it: the SDK compiler from
 * `lib/xs/sdk`, which is pure (no I/O), so the island bundles it and
 * compiles in the browser as you type. Repairs are always on, as for the
 * deploy tools, so the playground shows the fixes a deploy would apply.
 *
 * @module
 */

import { compileSdkCode } from "../xs/sdk/mod.ts";
import type { Diagnostic, Fix } from "../xs/diagnostics.ts";

/** What one compile returns (the shape of `compileSdkCode`). */
export interface PlaygroundResult {
  readonly ok: boolean;
  readonly xanoscript: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly fixes: readonly Fix[];
  /** Milliseconds per stage; `totalMs` is the whole compile. */
  readonly timings?: { readonly totalMs?: number };
}

/** A compiler the playground can call synchronously. */
export interface PlaygroundCompiler {
  compile(code: string): PlaygroundResult;
}

/** The compiler bundled into the playground island. */
export const playgroundCompiler: PlaygroundCompiler = {
  compile: (code) => compileSdkCode(code, { fix: true }),
};

/** The prefix `compileSdkCode` gives diagnostics about the generated XanoScript (not the SDK code). */
export const GENERATED_PREFIX = "Generated XanoScript line";
