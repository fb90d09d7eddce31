/**
 * Hono middleware that gives every request an id (`X-Request-Id`, accepted from
 * the client when well-formed) and writes one structured log line per request.
 * Query strings are dropped from the logged path: they may carry codes or tokens.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import type { IdGenerator } from "../clock.ts";
import type { Logger } from "../log.ts";
import { setResponseHeader } from "./response_headers.ts";

/** Context variables this middleware sets. */
export interface RequestLogVariables {
  requestId: string;
  log: Logger;
}

declare module "hono" {
  interface ContextVariableMap extends RequestLogVariables {}
}

/** Options of {@link requestLog}. */
export interface RequestLogOptions {
  readonly logger: Logger;
  readonly ids: IdGenerator;
  readonly now?: () => number;
}

const CLIENT_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Creates the request-id and access-log middleware. */
export function requestLog(options: RequestLogOptions): MiddlewareHandler {
  const now = options.now ?? performance.now.bind(performance);
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && CLIENT_ID.test(incoming) ? incoming : options.ids();
    const log = options.logger.child({ requestId });
    c.set("requestId", requestId);
    c.set("log", log);
    const started = now();
    await next();
    setResponseHeader(c, "X-Request-Id", requestId);
    const fields = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((now() - started) * 100) / 100,
    };
    if (c.res.status >= 500) log.error("request", fields);
    else if (fields.path.startsWith("/health")) log.debug("request", fields);
    else log.info("request", fields);
  };
}
