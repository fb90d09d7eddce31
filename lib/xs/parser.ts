/**
 * Parsing entry points: one document, or a multidoc source split on `---`
 * lines, with diagnostics positioned in the original text.
 *
 * @module
 */

import type { XsDocument, XsObject } from "./ast.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { parseObjectDocument } from "./parse_objects.ts";
import { Cursor, SyntaxStop } from "./parser_core.ts";

/** One document of a multidoc source and the 0-based line where it starts. */
export interface DocumentSlice {
  readonly text: string;
  readonly lineOffset: number;
}

/** Splits a source on lines that are exactly `---`; a plain source gives one slice. */
export function splitMultidoc(source: string): DocumentSlice[] {
  const out: DocumentSlice[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let i = 0;
  while (i <= source.length) {
    const nl = source.indexOf("\n", i);
    const end = nl < 0 ? source.length : nl;
    const text = source.slice(i, end).replace(/\r$/, "");
    if (text === "---") {
      out.push({ text: source.slice(start, i), lineOffset: startLine });
      start = end + 1;
      startLine = line + 1;
    }
    if (nl < 0) break;
    i = nl + 1;
    line++;
  }
  out.push({ text: source.slice(start), lineOffset: startLine });
  return out;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column;
}

/** Parses one document's text; `lineOffset` shifts reported lines. */
export function parseOne(
  text: string,
  lineOffset = 0,
): { object?: XsObject; diagnostics: Diagnostic[] } {
  const p = new Cursor(text, lineOffset);
  let object: XsObject | undefined;
  try {
    object = parseObjectDocument(p);
  } catch (e) {
    if (!(e instanceof SyntaxStop)) throw e;
    p.diags.push(e.diagnostic);
  }
  const diagnostics = p.diags.sort(byPosition);
  return { object, diagnostics };
}

/** Parses a (possibly multidoc) source into a document and diagnostics. */
export function parseSource(source: string): { document: XsDocument; diagnostics: Diagnostic[] } {
  const slices = splitMultidoc(source);
  const objects: XsObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const slice of slices) {
    if (slices.length > 1 && slice.text.trim() === "") continue;
    const r = parseOne(slice.text, slice.lineOffset);
    diagnostics.push(...r.diagnostics);
    if (r.object && r.diagnostics.every((d) => d.severity !== "error")) objects.push(r.object);
  }
  return {
    document: Object.freeze({ kind: "document", objects: Object.freeze(objects) }),
    diagnostics,
  };
}
