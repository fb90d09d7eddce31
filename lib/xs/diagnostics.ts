/**
 * Diagnostics and fixes: the values every part of the XanoScript toolchain
 * reports instead of throwing. Positions are 1-based, as editors show them.
 *
 * @module
 */

/** How serious a diagnostic is; only `error` makes a script invalid. */
export type Severity = "error" | "warning";

/** One problem found in SDK code or XanoScript. */
export interface Diagnostic {
  /** Stable machine code, e.g. `XS_UNKNOWN_FILTER`, `SDK_NOT_WHITELISTED`. */
  readonly code: string;
  /** What is wrong, written for a person or a model; no trailing period. */
  readonly message: string;
  readonly severity: Severity;
  /** 1-based line of the start of the problem. */
  readonly line: number;
  /** 1-based column of the start of the problem. */
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** A suggested replacement or next step, when one exists. */
  readonly fix?: string;
}

/** One automatic repair that was applied, as reported to the user. */
export interface Fix {
  /** The rule that fired, e.g. `else-if-to-elseif`. */
  readonly rule: string;
  /** The text before the fix (a short excerpt). */
  readonly before: string;
  /** The text after the fix (a short excerpt). */
  readonly after: string;
  /** 1-based line where the fix applied. */
  readonly line: number;
}

/** True when no diagnostic is an error. */
export function isValid(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.every((d) => d.severity !== "error");
}

/** Renders a diagnostic as `path:line:col: message` (the CLI and editor form). */
export function formatDiagnostic(diagnostic: Diagnostic, path = "<input>"): string {
  return `${path}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`;
}
