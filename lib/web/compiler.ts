/**
 * The compiler as the playground island sees it. The SDK compiler (`lib/xs`)
 * is pure, so the island bundles it and compiles in the browser as you type.
 * Until the toolchain is part of this build, {@link playgroundCompiler} is
 * `null` and the playground says so instead of pretending to compile.
 *
 * @module
 */

import type { Diagnostic, Fix } from "../xs/diagnostics.ts";

/** What one compile returns (the shape of `compileSdkCode` in `lib/xs/sdk`). */
export interface PlaygroundResult {
  readonly ok: boolean;
  readonly xanoscript: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly fixes: readonly Fix[];
  /** Milliseconds per stage, as reported by the compiler. */
  readonly timings?: Readonly<Record<string, number>>;
}

/** A compiler the playground can call synchronously. */
export interface PlaygroundCompiler {
  compile(code: string): PlaygroundResult;
}

/** The compiler bundled into the islands, or `null` when this build has none. */
export const playgroundCompiler: PlaygroundCompiler | null = null;
