/**
 * `compileSdkCode`: SDK JavaScript → XanoScript. Pipeline: acorn parse and
 * interpret (translate) → SDK auto-fix (optional) → build and print →
 * validate the XanoScript → result with diagnostics, fixes, the objects made
 * and timings. Pure: the clock and the validator are injected.
 *
 * @module
 */

import type { Diagnostic, Fix } from "../diagnostics.ts";
import { isValid } from "../diagnostics.ts";
import { validateXanoScript } from "../mod.ts";
import { fixProgram } from "./fix.ts";
import { printDocuments } from "./print.ts";
import { type CompiledObject, runProgram } from "./run.ts";
import { translate } from "./translate.ts";

/** Checks XanoScript (one document or a multidoc); returns its diagnostics. */
export type Validator = (source: string) => readonly Diagnostic[];

/** Options of {@link compileSdkCode}. */
export interface CompileOptions {
  /** Apply SDK-level repairs (default false). */
  readonly fix?: boolean;
  /** A millisecond clock for timings (default `performance.now`). */
  readonly now?: () => number;
  /** The XanoScript validator (default: `validateXanoScript`, faithful to Xano's 11.0.3 parser). */
  readonly validate?: Validator;
}

/** What {@link compileSdkCode} returns. */
export interface CompileResult {
  /** True when no diagnostic is an error. */
  readonly ok: boolean;
  /** The documents, joined by `---` when there are several. */
  readonly xanoscript: string;
  readonly diagnostics: Diagnostic[];
  readonly fixes: Fix[];
  readonly objects: { kind: string; name: string; verb?: string }[];
  readonly timings: { parseMs: number; translateMs: number; validateMs: number; totalMs: number };
}

export { COMPILER_VERSION } from "./version.ts";

/**
 * Runs `validate` on generated XanoScript and marks each diagnostic as coming
 * from the generated text (its line is a line of `xanoscript`, not of the SDK code).
 */
export function validateGenerated(xanoscript: string, validate: Validator): Diagnostic[] {
  return validate(xanoscript).map((d) => ({
    ...d,
    message: `Generated XanoScript line ${d.line}: ${d.message}`,
  }));
}

/**
 * Compiles SDK code to XanoScript without running it.
 *
 * @example
 * ```ts
 * const r = compileSdkCode(`create("ping", "GET").response({ ok: true })`);
 * r.xanoscript; // query ping verb=GET { … response = {ok: true} }
 * ```
 */
export function compileSdkCode(code: string, options: CompileOptions = {}): CompileResult {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const parsed = translate(String(code ?? ""), { fix: options.fix === true });
  const t1 = now();
  const program = options.fix ? fixProgram(parsed) : parsed;
  const run = runProgram(program);
  const xanoscript = printDocuments(run.documents);
  const t2 = now();
  // the validator runs on output the SDK stage accepted; otherwise it would repeat its errors
  const validation = xanoscript === "" || !isValid(run.diagnostics)
    ? []
    : validateGenerated(xanoscript, options.validate ?? validateXanoScript);
  const t3 = now();
  const byPosition = [...run.diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  const diagnostics = [...byPosition, ...validation];
  return {
    ok: isValid(diagnostics) && run.documents.length > 0,
    xanoscript,
    diagnostics,
    fixes: [...program.fixes],
    objects: run.objects.map((o: CompiledObject) => ({ ...o })),
    timings: { parseMs: t1 - t0, translateMs: t2 - t1, validateMs: t3 - t2, totalMs: t3 - t0 },
  };
}
