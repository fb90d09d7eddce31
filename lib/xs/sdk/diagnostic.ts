/**
 * Diagnostic helpers for the SDK. Builders know no source positions, so they
 * report at line 0 ("no position"); the translator ties each one to the
 * call that produced it, and `build()` shows the rest at 1:1.
 *
 * @module
 */

import type { Diagnostic, Severity } from "../diagnostics.ts";

/** Creates a frozen diagnostic. */
export function diagnostic(
  code: string,
  message: string,
  options: { fix?: string; line?: number; column?: number; severity?: Severity } = {},
): Diagnostic {
  return Object.freeze({
    code,
    message,
    severity: options.severity ?? "error",
    line: options.line ?? 0,
    column: options.column ?? 0,
    ...(options.fix === undefined ? {} : { fix: options.fix }),
  });
}

/** Returns `d` moved to `line:column`. */
export function at(d: Diagnostic, line: number, column: number): Diagnostic {
  return Object.freeze({ ...d, line, column });
}

/** Moves the diagnostics that have no position (line 0) to `line:column`. */
export function locate(list: readonly Diagnostic[], line: number, column: number): Diagnostic[] {
  return list.map((d) => d.line === 0 ? at(d, line, column) : d);
}
