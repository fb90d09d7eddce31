/**
 * The I/O a CLI command needs, injected so commands are testable without
 * touching the disk or the process streams.
 *
 * @module
 */

/** A directory entry as the CLI sees it. */
export interface CliDirEntry {
  readonly name: string;
  readonly isDirectory: boolean;
}

/** File system and output streams for a CLI command. */
export interface CliIo {
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  /** Entries of `path`, or undefined when `path` is not a directory. */
  readDir(path: string): Promise<CliDirEntry[] | undefined>;
  /** Reads all of standard input (commands that accept `-` as a file). */
  readStdin?(): Promise<string>;
  /** Writes text to standard output (no newline is added). */
  stdout(text: string): void;
  /** Writes text to standard error (no newline is added). */
  stderr(text: string): void;
}

/** A CLI command: returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Describes an I/O failure for a message: the error's own message, trimmed. */
export function ioMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0].replace(/[.\s]+$/, "");
}
