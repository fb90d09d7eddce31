/**
 * Diagnostic helpers for the SDK. Builders know no source positions, so they
 * report at 1:1; the translator re-stamps each one with the position of the
 * call that produced it.
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
    line: options.line ?? 1,
    column: options.column ?? 1,
    ...(options.fix === undefined ? {} : { fix: options.fix }),
  });
}

/** Returns `d` moved to `line:column`. */
export function at(d: Diagnostic, line: number, column: number): Diagnostic {
  return Object.freeze({ ...d, line, column });
}
