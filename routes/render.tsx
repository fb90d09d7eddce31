import type { Context } from "hono";
import type { VNode } from "preact";
import { render } from "preact-render-to-string";

/** Sends a server-rendered page as a complete HTML document. */
export function renderPage(c: Context, page: VNode, status = 200): Response {
  return c.html(`<!doctype html>${render(page)}`, status as 200, { "Cache-Control": "no-store" });
}
