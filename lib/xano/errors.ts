/**
 * Classification of every Xano failure into a small set of categories, each
 * with a message and a `nextStep` written for the AI that called the tool.
 * Xano's own error text is untrusted upstream data: it is quoted, trimmed and
 * never treated as an instruction.
 *
 * @example
 * ```ts
 * const error = classifyResponse(404, { message: "Not Found." }, {
 *   action: "get table",
 *   target: { kind: "table", id: 42, workspaceId: 1 },
 * });
 * error.category; // "not_found"
 * error.nextStep; // "Call xano_list_tables with workspace_id 1 to see valid table ids"
 * ```
 * @module
 */

import { AppError } from "../errors.ts";
import {
  describeTarget,
  findPosition,
  notFoundNextStep,
  notFoundSubject,
  trim,
  upstreamMessage,
} from "./error_text.ts";

export { describeTarget, findPosition, NEXT_STEP_TOOLS, upstreamMessage } from "./error_text.ts";

/** What went wrong, in terms an AI can act on. */
export type XanoErrorCategory =
  /** The Metadata token was rejected and could not be refreshed: the user must sign in again. */
  | "auth_expired"
  /** The token lacks a scope or role for this operation. */
  | "forbidden"
  | "not_found"
  /** Xano rejected the input (JSON fields or XanoScript, with line/column when given). */
  | "validation"
  /** The thing already exists or changed concurrently. */
  | "conflict"
  /** Xano answered 429; `retryAfterMs` says when to try again. */
  | "rate_limited"
  /** This server is already running the user's maximum of concurrent Xano operations. */
  | "busy"
  /** Xano answered 5xx, refused the connection, or its circuit breaker is open. */
  | "upstream_down"
  | "timeout"
  /** Xano answered with something that is not the documented shape. */
  | "bad_response"
  /** A write may or may not have been applied (the connection broke after sending). */
  | "unknown_outcome";

/** The object an operation is about, for messages and next steps. */
export interface XanoTarget {
  readonly kind:
    | "instance"
    | "workspace"
    | "table"
    | "field"
    | "index"
    | "record"
    | "api_group"
    | "api"
    | "function"
    | "task"
    | "request_history"
    | "multidoc"
    | "account";
  readonly id?: string | number;
  readonly workspaceId?: number;
  readonly tableId?: number;
  readonly apiGroupId?: number;
}

/** Describes the call that failed: `Cannot <action> …`. */
export interface XanoOperation {
  /** Verb phrase, e.g. `"get table"`, `"create records"`. */
  readonly action: string;
  readonly target?: XanoTarget;
}

/** Options of {@link XanoError}. */
export interface XanoErrorOptions {
  readonly category: XanoErrorCategory;
  readonly nextStep: string;
  /** HTTP status Xano answered with, when there was an answer. */
  readonly upstreamStatus?: number;
  /** Whether repeating the same call later may succeed. */
  readonly retryable?: boolean;
  /** For rate limits: how long to wait, in ms. */
  readonly retryAfterMs?: number;
  /** For XanoScript rejections: 1-based position of the problem. */
  readonly line?: number;
  readonly column?: number;
  /**
   * Whether the request reached Xano: `"no"` only when that is proven (the
   * connection was never made), `"maybe"` when it broke after sending, `"yes"`
   * when Xano answered. Decides whether a non-idempotent call may be retried.
   */
  readonly delivered?: Delivery;
  readonly cause?: unknown;
}

/** Whether a request reached Xano; see {@link XanoErrorOptions.delivered}. */
export type Delivery = "no" | "maybe" | "yes";

const STATUS: Record<XanoErrorCategory, number> = {
  auth_expired: 401,
  forbidden: 403,
  not_found: 404,
  validation: 400,
  conflict: 409,
  rate_limited: 429,
  busy: 429,
  upstream_down: 502,
  timeout: 504,
  bad_response: 502,
  unknown_outcome: 502,
};

const RETRYABLE = new Set<XanoErrorCategory>([
  "rate_limited",
  "busy",
  "upstream_down",
  "timeout",
]);

/** A classified Xano failure; `code` is `xano_<category>`. */
export class XanoError extends AppError {
  readonly category: XanoErrorCategory;
  readonly nextStep: string;
  readonly upstreamStatus: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly delivered: Delivery | undefined;

  constructor(message: string, options: XanoErrorOptions) {
    const retryAfter = options.retryAfterMs === undefined
      ? undefined
      : { "Retry-After": String(Math.max(1, Math.ceil(options.retryAfterMs / 1000))) };
    super(STATUS[options.category], `xano_${options.category}`, message, {
      cause: options.cause,
      headers: retryAfter,
      details: compact({
        category: options.category,
        nextStep: options.nextStep,
        upstreamStatus: options.upstreamStatus,
        line: options.line,
        column: options.column,
      }),
    });
    this.category = options.category;
    this.nextStep = options.nextStep;
    this.upstreamStatus = options.upstreamStatus;
    this.retryable = options.retryable ?? RETRYABLE.has(options.category);
    this.retryAfterMs = options.retryAfterMs;
    this.line = options.line;
    this.column = options.column;
    this.delivered = options.delivered ??
      (options.upstreamStatus === undefined ? undefined : "yes");
  }

  /** Message and next step in one paragraph, the form tools show to the AI. */
  toText(): string {
    return `${this.message}. ${this.nextStep}`;
  }
}

/** Builds the error for a non-2xx Xano response. `body` is the parsed JSON (or text) Xano sent. */
export function classifyResponse(
  status: number,
  body: unknown,
  op: XanoOperation,
  options: { retryAfterMs?: number } = {},
): XanoError {
  const upstream = upstreamMessage(body);
  const said = upstream ? `: Xano said "${upstream}"` : "";
  const base = `Cannot ${op.action}${describeTarget(op.target)}`;
  return classifyStatus(status, body, op.target, { base, said, upstream }, options.retryAfterMs);
}

function classifyStatus(
  status: number,
  body: unknown,
  target: XanoTarget | undefined,
  text: { base: string; said: string; upstream: string | undefined },
  retryAfterMs: number | undefined,
): XanoError {
  const { base, said, upstream } = text;
  if (status === 401) {
    return new XanoError(`${base}: Xano rejected the Metadata API token (401)${said}`, {
      category: "auth_expired",
      upstreamStatus: status,
      nextStep: SIGN_IN_AGAIN,
    });
  }
  if (status === 403) {
    return new XanoError(`${base}: the Metadata API token is not allowed to do this (403)${said}`, {
      category: "forbidden",
      upstreamStatus: status,
      nextStep:
        "The token lacks the scope or role for this operation. Ask the user to grant it in Xano (Instance settings → Metadata API → token scopes) or choose another operation",
    });
  }
  if (status === 404) {
    return new XanoError(`${base}: ${notFoundSubject(target)} does not exist${said}`, {
      category: "not_found",
      upstreamStatus: status,
      nextStep: notFoundNextStep(target),
    });
  }
  if (status === 409) {
    return new XanoError(`${base}: it conflicts with what already exists (409)${said}`, {
      category: "conflict",
      upstreamStatus: status,
      nextStep: "Read the current state first, then retry with a different name or updated input",
    });
  }
  if (status === 429) {
    const wait = retryAfterMs === undefined
      ? "a little while"
      : `${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
    return new XanoError(`${base}: Xano is rate limiting this token (429)`, {
      category: "rate_limited",
      upstreamStatus: status,
      retryAfterMs,
      nextStep: `Wait ${wait} before calling again, and batch work into fewer calls`,
    });
  }
  if (status === 400 || status === 422) return validationError(base, status, body, upstream);
  if (status === 408 || status === 504) {
    return new XanoError(`${base}: Xano timed out (${status})`, {
      category: "timeout",
      upstreamStatus: status,
      nextStep: "Retry in a few seconds; if it keeps timing out, ask for less data per call",
    });
  }
  if (status >= 500) {
    return new XanoError(`${base}: Xano failed with status ${status}${said}`, {
      category: "upstream_down",
      upstreamStatus: status,
      nextStep: "Xano is having trouble; retry in a few seconds and tell the user if it persists",
    });
  }
  return new XanoError(`${base}: Xano answered with unexpected status ${status}${said}`, {
    category: "bad_response",
    upstreamStatus: status,
    retryable: false,
    nextStep: "Check the input against the tool's schema; report the problem if it persists",
  });
}

/** Tells the AI plainly that the user must sign in again. */
export const SIGN_IN_AGAIN =
  "The user's Xano sign-in has expired and could not be renewed. Tell the user to sign in again at the dashboard, then retry";

/** The error when a credential is missing or marked as needing sign-in. */
export function signInRequired(reason: string, cause?: unknown): XanoError {
  return new XanoError(`Xano credentials need a new sign-in: ${reason}`, {
    category: "auth_expired",
    nextStep: SIGN_IN_AGAIN,
    retryable: false,
    cause,
  });
}

/** The error for a response that does not match the documented shape. */
export function badResponse(op: XanoOperation, detail: string, cause?: unknown): XanoError {
  return new XanoError(
    `Cannot ${op.action}${describeTarget(op.target)}: Xano's answer has an unexpected shape (${
      trim(detail, 200)
    })`,
    {
      category: "bad_response",
      retryable: false,
      nextStep:
        "This is likely a Xano API change or a proxy in between; report it and try a different tool meanwhile",
      cause,
    },
  );
}

function validationError(
  base: string,
  status: number,
  body: unknown,
  upstream: string | undefined,
): XanoError {
  const position = findPosition(body, upstream);
  const at = position ? ` at line ${position.line}, column ${position.column}` : "";
  return new XanoError(
    `${base}: Xano rejected the input${at}${upstream ? `: "${upstream}"` : ` (${status})`}`,
    {
      category: "validation",
      upstreamStatus: status,
      line: position?.line,
      column: position?.column,
      retryable: false,
      nextStep: position
        ? `Fix the XanoScript at line ${position.line}, column ${position.column} (validate it first with the compiler tools), then send it again`
        : "Fix the input named in the message and call again; do not retry unchanged",
    },
  );
}

function compact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
