/**
 * The one place that turns thrown errors into JSON HTTP responses for the
 * app's JSON surfaces. Expected failures ({@link AppError}) keep their status
 * and message; anything else is logged in full and answered with a bare 500.
 *
 * @module
 */

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, BadRequestError, PayloadTooLargeError, toErrorBody } from "../errors.ts";

/** Hono `onError` handler for JSON surfaces. */
export function jsonErrorHandler(error: unknown, c: Context): Response {
  const mapped = toErrorBody(normalise(error));
  if (mapped.status >= 500) {
    c.get("log")?.error("unhandled error", {
      error: error instanceof Error ? error : String(error),
    });
  }
  return c.json(mapped.body, mapped.status as 500, mapped.headers);
}

/** Hono `notFound` handler for JSON surfaces. */
export function jsonNotFound(c: Context): Response {
  return c.json({
    error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` },
  }, 404);
}

function normalise(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) {
      return new PayloadTooLargeError(error.message || "Request body is too large");
    }
    if (error.status < 500) {
      return new AppError(error.status, "http_error", error.message || "Bad request");
    }
  }
  if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
    return new BadRequestError("Request body is not valid JSON");
  }
  return error;
}
