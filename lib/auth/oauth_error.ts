/**
 * Expected OAuth failures with their RFC 6749 / 7591 / 8707 error codes. The
 * protocol endpoints turn them into `{ error, error_description }` bodies (or
 * error redirects) in one place, `routes/oauth.ts`.
 *
 * @module
 */

import { AppError, type AppErrorOptions } from "../errors.ts";

/** The OAuth error codes this server sends. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "unsupported_token_type"
  | "invalid_scope"
  | "invalid_target"
  | "access_denied"
  | "server_error"
  | "temporarily_unavailable"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "invalid_token";

/** An OAuth protocol error; `message` becomes `error_description`. */
export class OAuthError extends AppError {
  readonly oauthCode: OAuthErrorCode;

  constructor(
    code: OAuthErrorCode,
    message: string,
    options: AppErrorOptions & { status?: number } = {},
  ) {
    super(options.status ?? defaultStatus(code), code, message, options);
    this.oauthCode = code;
  }
}

/** The RFC 6749 §5.2 JSON body for an {@link OAuthError}. */
export function oauthErrorBody(error: OAuthError): { error: string; error_description: string } {
  return { error: error.oauthCode, error_description: error.message };
}

function defaultStatus(code: OAuthErrorCode): number {
  if (code === "invalid_client" || code === "invalid_token") return 401;
  if (code === "server_error") return 500;
  if (code === "temporarily_unavailable") return 503;
  return 400;
}
