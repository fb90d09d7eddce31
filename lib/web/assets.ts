/**
 * Static assets of the dashboard: the stylesheet and the island modules built
 * by `deno task build:islands` into `static/islands/` (an entry plus
 * content-hashed chunks). The entry's URL carries a content hash (`?v=…`) and
 * chunk names carry their own, so everything can be cached for a year and a
 * new build is fetched at once.
 *
 * @example
 * ```ts
 * const assets = await loadAssets();
 * app.use("/static/*", staticAssets());
 * // <link rel="stylesheet" href={assets.css}>
 * ```
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { serveStatic } from "hono/deno";
import { sha256Hex } from "../crypto.ts";

/** Versioned URLs of the assets pages link to. */
export interface Assets {
  /** URL of the stylesheet. */
  readonly css: string;
  /** URL of the islands' entry module, or `null` when it has not been built. */
  readonly js: string | null;
}

const HASHED_CHUNK = /-[A-Z0-9]{8}\.js(\.map)?$/;

/** The folder the assets are served from. */
export const STATIC_DIR: URL = new URL("../../static/", import.meta.url);

/**
 * Reads the assets and derives their versioned URLs. A missing bundle is not
 * an error: pages then render without islands (everything else still works).
 */
export async function loadAssets(dir: URL = STATIC_DIR): Promise<Assets> {
  const css = await versioned(dir, "app.css");
  if (css === null) throw new Error(`Cannot find the stylesheet "app.css" in ${dir.pathname}`);
  return { css, js: await versioned(dir, "islands/client.js") };
}

/** Serves `/static/*` with long caching for versioned URLs and revalidation otherwise. */
export function staticAssets(dir: URL = STATIC_DIR): MiddlewareHandler {
  return serveStatic({
    root: dir.pathname,
    rewriteRequestPath: (path) => path.replace(/^\/static/, ""),
    onFound: (path, c) => {
      // Versioned URLs and content-hashed chunk names never change meaning.
      const cache = c.req.query("v") || HASHED_CHUNK.test(path)
        ? "public, max-age=31536000, immutable"
        : "public, max-age=0, must-revalidate";
      c.header("Cache-Control", cache);
    },
  });
}

async function versioned(dir: URL, name: string): Promise<string | null> {
  try {
    const text = await Deno.readTextFile(new URL(name, dir));
    return `/static/${name}?v=${(await sha256Hex(text)).slice(0, 12)}`;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}
