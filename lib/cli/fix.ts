/**
 * `deno task fix FILE [--write]`: repairs folk XanoScript. Prints the fixed
 * text (or, with `--write`, writes it back to FILE); lists each repair and any
 * remaining error on standard error. Exit code 0 when the result is valid.
 *
 * @module
 */

import { fixXanoScript, formatDiagnostic } from "../xs/mod.ts";
import { type CliIo, ioMessage } from "./io.ts";

const USAGE = "Usage: deno task fix FILE [--write]\n";

/** Runs the fix command. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const write = args.includes("--write");
  const files = args.filter((a) => a !== "--write");
  if (files.length !== 1 || files[0].startsWith("--")) {
    io.stderr(USAGE);
    return 2;
  }
  const file = files[0];
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    io.stderr(`Cannot read "${file}": ${ioMessage(e)}\n`);
    return 1;
  }
  const result = fixXanoScript(text);
  for (const f of result.fixes) {
    io.stderr(`${file}:${f.line}: ${f.rule}: ${f.before} -> ${f.after}\n`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) io.stderr(formatDiagnostic(d, file) + "\n");
  if (!write) io.stdout(result.source.endsWith("\n") ? result.source : result.source + "\n");
  else if (result.source !== text) {
    try {
      await io.writeFile(file, result.source);
    } catch (e) {
      io.stderr(`Cannot write "${file}": ${ioMessage(e)}\n`);
      return 1;
    }
  }
  if (result.fixes.length === 0 && errors.length === 0) io.stderr(`${file}: nothing to fix\n`);
  return errors.length === 0 ? 0 : 1;
}
