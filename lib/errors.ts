/**
 * The application's error classes. Each carries an HTTP `status` and a stable
 * machine `code`; every surface (JSON API, pages, OAuth, MCP) maps them to its
 * own response shape in one place. Messages are written for the person or model
 * reading them: what went wrong and what to do next, never a stack trace.
 *
 * @module
 */

/** Options shared by every {@link AppError}. */
export interface AppErrorOptions extends ErrorOptions {
  /** Extra fields that are safe to show to the caller. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Response headers the mapper should add (for example `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Base class: an expected failure with a status, a code and a safe message. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(status: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }
}

/** 400: the input is malformed or fails validation. */
export class BadRequestError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(400, "bad_request", message, options);
  }
}

/** 401: no valid credentials were presented. */
export class UnauthorizedError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(401, "unauthorized", message, options);
  }
}

/** 403: credentials are valid but not allowed to do this. */
export class ForbiddenError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(403, "forbidden", message, options);
  }
}

/** 404: the thing asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(404, "not_found", message, options);
  }
}

/** 409: a concurrent change won, or the record already exists. */
export class ConflictError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(409, "conflict", message, options);
  }
}

/** 413: the request body is larger than allowed. */
export class PayloadTooLargeError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(413, "payload_too_large", message, options);
  }
}

/** 429: too many requests; `retryAfterSeconds` becomes a `Retry-After` header. */
export class RateLimitError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, options: AppErrorOptions = {}) {
    const headers = {
      ...options.headers,
      "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
    };
    super(429, "rate_limited", message, { ...options, headers });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 502/503/504: an upstream service (Xano) failed or is unavailable. */
export class UpstreamError extends AppError {
  constructor(message: string, options: AppErrorOptions & { status?: 502 | 503 | 504 } = {}) {
    super(options.status ?? 502, "upstream_error", message, options);
  }
}

/** The JSON body every JSON surface sends for an error. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

/**
 * Maps any thrown value to a status and a safe JSON body. Unknown errors become
 * a generic 500 whose message reveals nothing; the caller logs the original.
 */
export function toErrorBody(
  error: unknown,
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    };
    return { status: error.status, body, headers: { ...error.headers } };
  }
  return {
    status: 500,
    body: {
      error: {
        code: "internal_error",
        message: "Something went wrong on our side; the error was logged",
      },
    },
    headers: {},
  };
}
