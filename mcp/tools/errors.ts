/**
 * Maps the Xano client's classified errors to tool failures the model can act
 * on. The client's `XanoError` carries a message and a `nextStep`; anything
 * else is not an expected failure and is left to the server's generic handler.
 *
 * @module
 */

import { AppError } from "../../lib/errors.ts";
import { fail, type ToolFailure } from "../result.ts";

/** A tool failure for a classified upstream error, or `undefined`. */
export function classifyToolError(error: unknown): ToolFailure | undefined {
  if (!(error instanceof AppError) || error.status >= 500 && error.code === "internal") {
    return undefined;
  }
  const nextStep = (error as { nextStep?: unknown }).nextStep ?? error.details?.nextStep;
  const category = (error as { category?: unknown }).category;
  return fail(
    error.message,
    typeof nextStep === "string" ? nextStep : undefined,
    { code: typeof category === "string" ? category : error.code },
  );
}
