import type { CliIo } from "@/lib/cli/io.ts";

/** An in-memory file system and captured output streams for CLI tests. */
export function memoryIo(files: Record<string, string>): CliIo & {
  files: Record<string, string>;
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return {
    files,
    out,
    err,
    readFile(path) {
      const text = files[path];
      return text === undefined
        ? Promise.reject(new Error(`No such file or directory: ${path}`))
        : Promise.resolve(text);
    },
    writeFile(path, text) {
      files[path] = text;
      return Promise.resolve();
    },
    readDir(path) {
      const prefix = path.replace(/\/+$/, "") + "/";
      const names = new Map<string, boolean>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length).split("/");
        names.set(rest[0], rest.length > 1);
      }
      if (names.size === 0) return Promise.resolve(undefined);
      return Promise.resolve([...names].map(([name, isDirectory]) => ({ name, isDirectory })));
    },
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
  };
}
