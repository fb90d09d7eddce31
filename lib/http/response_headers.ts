/**
 * Sets headers on the response a Hono middleware sees after `next()`, in
 * place. Hono's `c.header()` copies the whole response once it is final (the
 * body stream and every header), which the hot path would pay several times
 * per request; responses built here, by Hono and by the MCP SDK have mutable
 * headers, and only an immutable one (a proxied `fetch` response) is copied.
 *
 * @module
 */

import type { Context } from "hono";

/** Sets (or with `append`, adds) a header on the final response of `c`. */
export function setResponseHeader(c: Context, name: string, value: string, append = false): void {
  const headers = c.res.headers;
  try {
    if (append) headers.append(name, value);
    else headers.set(name, value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    c.header(name, value, append ? { append: true } : undefined);
  }
}
