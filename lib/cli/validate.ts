/**
 * `deno task validate FILE|DIR…`: validates XanoScript files (directories are
 * searched recursively for `.xs` files) and prints one line per file, `OK path`
 * or `path:line:col: message`. Exit code 0 only when every file is valid.
 *
 * @module
 */

import { formatDiagnostic, validateXanoScript } from "../xs/mod.ts";
import { type CliIo, ioMessage } from "./io.ts";

const USAGE = "Usage: deno task validate FILE|DIR...\n";

/** Expands directory arguments into their `.xs` files (sorted, recursive). */
export async function expandPaths(paths: string[], io: CliIo): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const entries = await io.readDir(path).catch(() => undefined);
    if (entries === undefined) {
      out.push(path);
      continue;
    }
    const base = path.replace(/\/+$/, "");
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of sorted) {
      const child = `${base}/${e.name}`;
      if (e.isDirectory) out.push(...await expandPaths([child], io));
      else if (e.name.endsWith(".xs")) out.push(child);
    }
  }
  return out;
}

/** Runs the validate command. */
export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args.includes("--help")) {
    io.stderr(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const files = await expandPaths(args, io);
  if (files.length === 0) {
    io.stderr(`No .xs files found in ${args.map((a) => `"${a}"`).join(", ")}\n`);
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (e) {
      io.stdout(`${file}:1:1: cannot read the file: ${ioMessage(e)}\n`);
      failed++;
      continue;
    }
    const error = validateXanoScript(text).find((d) => d.severity === "error");
    if (error) {
      failed++;
      io.stdout(formatDiagnostic(error, file) + "\n");
    } else io.stdout(`OK ${file}\n`);
  }
  return failed === 0 ? 0 : 1;
}
