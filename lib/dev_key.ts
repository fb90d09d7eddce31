/**
 * The development encryption key: generated once and kept in the data folder,
 * so a developer can start the app with no configuration and keep their sealed
 * credentials across restarts. Never used when `ENCRYPTION_KEY` is set, and
 * refused in production by `loadConfig`.
 *
 * @module
 */

import { fromBase64Url, randomToken } from "./crypto.ts";

/** The file name of the development key inside the data folder. */
export const DEV_KEY_FILE = "dev-encryption-key";

/** Result of {@link loadOrCreateDevKey}. */
export interface DevKey {
  readonly key: Uint8Array;
  readonly path: string;
  /** True when this call generated the key. */
  readonly created: boolean;
}

/**
 * Reads the development key from `dataDir`, or generates 32 random bytes and
 * writes them there (mode 0600) when absent.
 */
export async function loadOrCreateDevKey(dataDir: string): Promise<DevKey> {
  const path = `${dataDir.replace(/\/+$/, "")}/${DEV_KEY_FILE}`;
  try {
    const text = (await Deno.readTextFile(path)).trim();
    const key = fromBase64Url(text);
    if (key.length < 32) {
      throw new RangeError(`Development key in "${path}" is shorter than 32 bytes`);
    }
    return { key, path, created: false };
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  await Deno.mkdir(dataDir, { recursive: true });
  const text = randomToken(32);
  await Deno.writeTextFile(path, `${text}\n`, { mode: 0o600, createNew: true });
  return { key: fromBase64Url(text), path, created: true };
}
