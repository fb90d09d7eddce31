/**
 * A log line writer for the server: lines below `warn` are gathered and
 * written to stdout once per turn of the event loop (one write for many
 * request lines, instead of a `console.log` each), while `warn` and `error`
 * lines go out at once, after whatever is pending, so nothing that explains a
 * crash waits in memory. `flush()` writes what is pending (at shutdown).
 *
 * @example
 * ```ts
 * const out = createLineWriter();
 * const logger = createLogger({ level: "info", write: out.write });
 * addEventListener("unload", () => out.flush());
 * ```
 * @module
 */

import type { LogLevel } from "./config.ts";

/** A stream written synchronously (`Deno.stdout`, `Deno.stderr`). */
export interface SyncWriter {
  writeSync(bytes: Uint8Array): number;
}

/** Options of {@link createLineWriter}. */
export interface LineWriterOptions {
  readonly stdout?: SyncWriter;
  readonly stderr?: SyncWriter;
  /** Runs `flush` later (default: at the end of this turn, `setTimeout(flush, 0)`). */
  readonly schedule?: (flush: () => void) => void;
  /** Pending characters that force a write now (default 64 KiB). */
  readonly maxPending?: number;
}

/** Writes log lines, see the module docs. */
export interface LineWriter {
  write(line: string, level: LogLevel): void;
  flush(): void;
}

/** Creates a {@link LineWriter}. */
export function createLineWriter(options: LineWriterOptions = {}): LineWriter {
  const stdout = options.stdout ?? Deno.stdout;
  const stderr = options.stderr ?? Deno.stderr;
  const schedule = options.schedule ?? ((flush) => void setTimeout(flush, 0));
  const maxPending = options.maxPending ?? 64 * 1024;
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (pending.length === 0) return;
    const text = `${pending.join("\n")}\n`;
    pending = [];
    size = 0;
    writeAll(stdout, encoder.encode(text));
  }

  return {
    write(line, level) {
      if (level === "warn" || level === "error") {
        flush();
        writeAll(stderr, encoder.encode(`${line}\n`));
        return;
      }
      pending.push(line);
      size += line.length + 1;
      if (size >= maxPending) flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}

function writeAll(stream: SyncWriter, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += stream.writeSync(bytes.subarray(offset));
}
