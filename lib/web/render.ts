/**
 * Renders a page component to a full HTML response.
 *
 * @module
 */

import type { Context } from "hono";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** Options of {@link renderPage}. */
export interface RenderOptions {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Server-renders `page` (a whole `<html>` tree) into a `text/html` response.
 *
 * @example
 * ```ts
 * return renderPage(c, <Landing assets={assets} />);
 * ```
 */
export function renderPage(c: Context, page: VNode, options: RenderOptions = {}): Response {
  const html = `<!doctype html>${renderToString(page)}`;
  return c.html(html, (options.status ?? 200) as 200, options.headers);
}
