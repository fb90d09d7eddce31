/**
 * Locates the shared XanoScript fixtures (`shared/fixtures/xanoscript/`), which
 * sit beside the repository in CI. Walks up from the repository root so a
 * worktree nested one level deeper finds them too; throws if they are missing.
 */

import { fileURLToPath as fromFileUrl } from "node:url";

/** Absolute path of `shared/fixtures/xanoscript`. */
export function fixturesDir(): string {
  let dir = new URL("../../../../", import.meta.url);
  for (let depth = 0; depth < 4; depth++) {
    const candidate = new URL("shared/fixtures/xanoscript/", dir);
    try {
      if (Deno.statSync(candidate).isDirectory) return fromFileUrl(candidate);
    } catch {
      // not here; try the parent
    }
    dir = new URL("../", dir);
  }
  throw new Error(
    "Cannot find shared/fixtures/xanoscript beside the repository; clone shared/ next to it",
  );
}

/** `[name, text]` of every `.xs` file in `valid` or `invalid`, sorted by name. */
export function readFixtures(kind: "valid" | "invalid"): [string, string][] {
  const dir = `${fixturesDir()}/${kind}`;
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".xs"));
  if (names.length === 0) throw new Error(`No fixtures in ${dir}`);
  return names.sort().map((n) => [n, Deno.readTextFileSync(`${dir}/${n}`)]);
}
