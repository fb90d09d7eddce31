/**
 * Xano-shaped errors. Every failure the sandbox answers has Xano's body shape
 * `{"code": "ERROR_CODE_…", "message": "…"}` (input errors add
 * `payload.param`), so clients meet the same contract as against a real
 * instance. Handlers throw {@link XanoError}; {@link xanoErrorResponse} is the
 * one place that turns anything thrown into a response, never with a stack.
 *
 * @module
 */

/** The error codes Xano answers with, by HTTP status. */
export type XanoErrorCode =
  | "ERROR_CODE_BAD_REQUEST"
  | "ERROR_CODE_INPUT_ERROR"
  | "ERROR_CODE_UNAUTHORIZED"
  | "ERROR_CODE_ACCESS_DENIED"
  | "ERROR_CODE_NOT_FOUND"
  | "ERROR_CODE_TOO_MANY_REQUESTS"
  | "ERROR_CODE_NOT_IMPLEMENTED"
  | "ERROR_FATAL";

/** An expected failure with Xano's status, code and message. */
export class XanoError extends Error {
  readonly status: number;
  readonly code: XanoErrorCode;
  /** The offending input, for `ERROR_CODE_INPUT_ERROR`. */
  readonly param: string | undefined;
  /** Extra machine-readable detail (for example the line and column of a XanoScript error). */
  readonly payload: Readonly<Record<string, unknown>> | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: XanoErrorCode,
    message: string,
    options: {
      param?: string;
      payload?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = "XanoError";
    this.status = status;
    this.code = code;
    this.param = options.param;
    this.payload = options.payload;
    this.headers = options.headers ?? {};
  }
}

/** 400 for a malformed request (bad JSON, wrong content type). */
export function badRequest(message: string): XanoError {
  return new XanoError(400, "ERROR_CODE_BAD_REQUEST", message);
}

/** 400 for one invalid input, naming it in `payload.param`. */
export function inputError(param: string, message: string): XanoError {
  return new XanoError(400, "ERROR_CODE_INPUT_ERROR", message, { param });
}

/** 401: the bearer token is missing, unknown or expired. */
export function unauthorized(message: string): XanoError {
  return new XanoError(401, "ERROR_CODE_UNAUTHORIZED", message);
}

/** 403: the token is valid but lacks the scope. */
export function accessDenied(message: string): XanoError {
  return new XanoError(403, "ERROR_CODE_ACCESS_DENIED", message);
}

/** 404 for an unknown object. */
export function notFound(message: string): XanoError {
  return new XanoError(404, "ERROR_CODE_NOT_FOUND", message);
}

/** The JSON body of a Xano error. */
export interface XanoErrorBody {
  readonly code: XanoErrorCode;
  readonly message: string;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/**
 * Maps anything thrown to a Xano-style JSON response. Unknown errors become a
 * bare 500 `ERROR_FATAL` whose message reveals nothing; `onUnexpected` sees the
 * original so it can be logged.
 *
 * @example
 * ```ts
 * const res = xanoErrorResponse(notFound('Table "7" was not found'));
 * res.status; // 404
 * ```
 */
export function xanoErrorResponse(
  error: unknown,
  onUnexpected?: (error: unknown) => void,
): Response {
  const known = asXanoError(error);
  if (!known) onUnexpected?.(error);
  const failure = known ??
    new XanoError(500, "ERROR_FATAL", "The sandbox failed to handle this request");
  const body: XanoErrorBody = {
    code: failure.code,
    message: failure.message,
    ...(failure.param === undefined && failure.payload === undefined ? {} : {
      payload: {
        ...failure.payload,
        ...(failure.param === undefined ? {} : { param: failure.param }),
      },
    }),
  };
  return new Response(JSON.stringify(body), {
    status: failure.status,
    headers: { "content-type": "application/json; charset=utf-8", ...failure.headers },
  });
}

function asXanoError(error: unknown): XanoError | undefined {
  if (error instanceof XanoError) return error;
  if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
    return badRequest("Request body is not valid JSON");
  }
  if (error instanceof TypeError && /value too large|too large/i.test(error.message)) {
    return badRequest("The value is too large to store (64 KiB limit per record)");
  }
  return undefined;
}
