/**
 * The XanoScript toolchain's public API: parse, validate, summarize (and,
 * from printer.ts and fix.ts, print and auto-fix) XanoScript as Xano's
 * official parser 11.0.3 accepts it. Pure: no I/O, runs in the browser.
 *
 * @module
 */

import type { XsDocument } from "./ast.ts";
import { type Diagnostic, isValid } from "./diagnostics.ts";
import { parseOne, parseSource, splitMultidoc } from "./parser.ts";
import { printDocument } from "./printer.ts";
import { type FixResult, fixXanoScript as fixSource } from "./fix.ts";
import { summarizeObject, type XsObjectSummary } from "./summary.ts";

export type * from "./ast.ts";
export type { Diagnostic, Fix } from "./diagnostics.ts";
export { formatDiagnostic, isValid } from "./diagnostics.ts";
export type { DocumentSlice } from "./parser.ts";
export type { FixResult } from "./fix.ts";
export type { XsFieldSummary, XsObjectSummary } from "./summary.ts";
export { splitMultidoc };

/**
 * Parses XanoScript (one object, or a multidoc joined by `---` lines).
 * Diagnostics carry 1-based positions in `source`; a document with errors is
 * left out of `document.objects`.
 */
export function parseXanoScript(
  source: string,
): { document: XsDocument; diagnostics: Diagnostic[] } {
  return parseSource(source);
}

/** Validates XanoScript; the script is valid when no diagnostic is an error (see `isValid`). */
export function validateXanoScript(source: string): Diagnostic[] {
  return parseSource(source).diagnostics;
}

/**
 * Prints a document as canonical XanoScript (several objects become a
 * multidoc). `parseXanoScript(printXanoScript(d)).document` equals `d`, and
 * printing the result again gives the same text.
 */
export function printXanoScript(document: XsDocument): string {
  return printDocument(document);
}

/**
 * Repairs the folk XanoScript AI writes (`else if`, one-line blocks, `string`
 * types, `default` keyword, commas between attributes, `#` comments, the old
 * `foreach` form, variables without `$`, …). Returns the repaired source, each
 * repair as `{rule, before, after, line}`, and the diagnostics of the result.
 * A valid source comes back unchanged.
 */
export function fixXanoScript(source: string): FixResult {
  return fixSource(source);
}

/**
 * Summarizes every valid object of a (multidoc) source: kind, name, verb,
 * API group, auth table, description, inputs and table fields.
 */
export function summarizeXanoScript(
  source: string,
): { objects: XsObjectSummary[]; diagnostics: Diagnostic[] } {
  const objects: XsObjectSummary[] = [];
  const diagnostics: Diagnostic[] = [];
  const slices = splitMultidoc(source);
  for (const slice of slices) {
    if (slices.length > 1 && slice.text.trim() === "") continue;
    const r = parseOne(slice.text, slice.lineOffset);
    diagnostics.push(...r.diagnostics);
    if (r.object && isValid(r.diagnostics)) objects.push(summarizeObject(r.object));
  }
  return { objects, diagnostics };
}
