/**
 * Command-line entry: `deno run cli.ts <command> [args…]`. Each command lives
 * in lib/cli/ and receives its arguments and injected I/O.
 *
 * @module
 */

import type { CliCommand, CliIo } from "./lib/cli/io.ts";
import { run as compile } from "./lib/cli/compile.ts";
import { run as deploy } from "./lib/cli/deploy.ts";
import { run as fix } from "./lib/cli/fix.ts";
import { run as validate } from "./lib/cli/validate.ts";

const COMMANDS: Readonly<Record<string, CliCommand>> = {
  validate,
  fix,
  compile,
  // deploy reads only the XANO_* settings (the task grants just those variables)
  deploy: (args, io) =>
    deploy(args, io, {
      env: { get: (name) => name.startsWith("XANO_") ? Deno.env.get(name) : undefined },
      fetch: (request) => fetch(request),
    }),
};

/** Real file system and process streams. */
function denoIo(): CliIo {
  const encoder = new TextEncoder();
  return {
    readFile: (path) => Deno.readTextFile(path),
    writeFile: (path, text) => Deno.writeTextFile(path, text),
    async readDir(path) {
      const info = await Deno.stat(path);
      if (!info.isDirectory) return undefined;
      const out = [];
      for await (const e of Deno.readDir(path)) {
        out.push({ name: e.name, isDirectory: e.isDirectory });
      }
      return out;
    },
    readStdin: () => new Response(Deno.stdin.readable).text(),
    stdout: (text) => void Deno.stdout.writeSync(encoder.encode(text)),
    stderr: (text) => void Deno.stderr.writeSync(encoder.encode(text)),
  };
}

/** Dispatches to a command; returns the exit code. */
export async function main(args: string[], io: CliIo = denoIo()): Promise<number> {
  const [name, ...rest] = args;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.stderr(`Usage: deno run cli.ts <${Object.keys(COMMANDS).join("|")}> [args...]\n`);
    return 2;
  }
  return await command(rest, io);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
