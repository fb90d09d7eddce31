/**
 * `deno task compile [FILE|-] [--json] [--no-fix]`: compiles fluent-SDK
 * JavaScript to XanoScript (auto-fix on unless `--no-fix`). The XanoScript
 * goes to standard output, repairs and diagnostics to standard error as
 * `path:line:col: message`; `--json` prints `{xanoscript, diagnostics, fixes}`
 * instead. Exit code 1 when the result has errors, 2 on bad usage.
 *
 * @module
 */

import { formatDiagnostic } from "../xs/diagnostics.ts";
import { compileSdkCode } from "../xs/sdk/mod.ts";
import { type CliIo, ioMessage } from "./io.ts";

const USAGE = "Usage: deno task compile [FILE|-] [--json] [--no-fix]\n";
const FLAGS = new Set(["--json", "--no-fix", "--help"]);

/** Reads FILE, or standard input for `-` / no FILE; returns the text and the name to report. */
export async function readSource(
  file: string | undefined,
  io: CliIo,
): Promise<{ text: string; path: string } | { error: string }> {
  if (file === undefined || file === "-") {
    if (!io.readStdin) return { error: "Standard input is not available; pass a FILE" };
    try {
      return { text: await io.readStdin(), path: "<stdin>" };
    } catch (e) {
      return { error: `Cannot read standard input: ${ioMessage(e)}` };
    }
  }
  try {
    return { text: await io.readFile(file), path: file };
  } catch (e) {
    return { error: `Cannot read "${file}": ${ioMessage(e)}` };
  }
}

/** Runs the compile command. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const unknown = args.filter((a) => a.startsWith("--") && !FLAGS.has(a));
  const files = args.filter((a) => !a.startsWith("--"));
  if (args.includes("--help") || unknown.length > 0 || files.length > 1) {
    io.stderr(unknown.length > 0 ? `Unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return args.includes("--help") ? 0 : 2;
  }
  const source = await readSource(files[0], io);
  if ("error" in source) {
    io.stderr(`${source.error}\n`);
    return 1;
  }
  const result = compileSdkCode(source.text, { fix: !args.includes("--no-fix") });
  if (args.includes("--json")) {
    const { xanoscript, diagnostics, fixes } = result;
    io.stdout(JSON.stringify({ xanoscript, diagnostics, fixes }, null, 2) + "\n");
    return result.ok ? 0 : 1;
  }
  for (const f of result.fixes) {
    io.stderr(`${source.path}:${f.line}: fixed (${f.rule}): ${f.before} -> ${f.after}\n`);
  }
  for (const d of result.diagnostics) io.stderr(formatDiagnostic(d, source.path) + "\n");
  if (result.xanoscript !== "") io.stdout(result.xanoscript + "\n");
  return result.ok ? 0 : 1;
}
