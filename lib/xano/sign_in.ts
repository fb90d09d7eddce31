/**
 * Upstream sign-in: with an email and password through the account auth API
 * (`XANO_AUTH_URL`), or with a pasted Metadata API token. Both verify what
 * they got before returning, and fail with a message a person can act on.
 *
 * @example
 * ```ts
 * const result = await signInWithPassword({ fetch, clock: systemClock }, {
 *   authUrl: "https://x.xano.io/api:abc",
 *   metaUrl: "https://x.xano.io/api:meta",
 *   email: "a@b.c",
 *   password: "…",
 * });
 * result.credential.kind; // "account"
 * ```
 * @module
 */

import type { Clock } from "../clock.ts";
import { BadRequestError, RateLimitError, UnauthorizedError, UpstreamError } from "../errors.ts";
import { AccountMeSchema, LoginSchema, MetaMeSchema } from "./schemas.ts";
import type { SignInResult } from "./types.ts";

/** What sign-in needs from the outside world. */
export interface SignInDeps {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly clock: Clock;
  /** Per-request timeout (default 15 000 ms). */
  readonly timeoutMs?: number;
}

/** Input of {@link signInWithPassword}. */
export interface PasswordSignIn {
  readonly authUrl: string;
  readonly metaUrl: string;
  readonly email: string;
  readonly password: string;
}

/** Input of {@link signInWithMetaToken}. */
export interface TokenSignIn {
  readonly metaUrl: string;
  readonly token: string;
}

/**
 * `POST {authUrl}/auth/login` → `authToken`, then `GET {authUrl}/auth/me` →
 * `{id, name, email, api_key}`; `api_key` is the Metadata API token. Bad
 * credentials → `UnauthorizedError`; Xano unreachable or failing → `UpstreamError`.
 */
export async function signInWithPassword(
  deps: SignInDeps,
  input: PasswordSignIn,
): Promise<SignInResult> {
  const authUrl = baseUrl("auth URL", input.authUrl);
  const metaUrl = baseUrl("Metadata API URL", input.metaUrl);
  if (!input.email.trim() || !input.password) {
    throw new BadRequestError("Cannot sign in: enter both the email and the password");
  }
  const login = await callAuth(deps, "POST", `${authUrl}/auth/login`, {
    body: { email: input.email.trim(), password: input.password },
    rejected: "Xano did not accept this email and password; check them and try again",
  });
  const parsedLogin = LoginSchema.safeParse(login);
  if (!parsedLogin.success) {
    throw new UpstreamError("Cannot sign in: Xano's login answer has no authToken");
  }
  const authToken = parsedLogin.data.authToken;
  const me = await fetchAccountMe(deps, authUrl, authToken);
  return {
    identity: `xano:${new URL(authUrl).host}:${me.id}`,
    name: me.name || me.email || input.email.trim(),
    email: me.email ?? input.email.trim(),
    credential: {
      kind: "account",
      authUrl,
      metaUrl,
      authToken,
      metaToken: me.apiKey,
      email: me.email ?? input.email.trim(),
      obtainedAt: deps.clock.now(),
    },
  };
}

/**
 * Verifies a pasted Metadata API token with `GET {metaUrl}/auth/me`. A rejected
 * token → `UnauthorizedError`; Xano unreachable or failing → `UpstreamError`.
 */
export async function signInWithMetaToken(
  deps: SignInDeps,
  input: TokenSignIn,
): Promise<SignInResult> {
  const metaUrl = baseUrl("Metadata API URL", input.metaUrl);
  const token = input.token.trim();
  if (!token) throw new BadRequestError("Cannot sign in: paste a Metadata API token");
  const body = await callAuth(deps, "GET", `${metaUrl}/auth/me`, {
    token,
    rejected:
      "Xano did not accept this Metadata API token; check that it was copied whole, belongs to this instance and has not expired or been revoked",
  });
  const me = MetaMeSchema.safeParse(body);
  if (!me.success) throw new UpstreamError("Cannot sign in: Xano's auth/me answer has no id");
  return {
    identity: `xano:${new URL(metaUrl).host}:${me.data.id}`,
    name: me.data.name || me.data.email || "Xano user",
    ...(me.data.email ? { email: me.data.email } : {}),
    credential: { kind: "token", metaUrl, metaToken: token, obtainedAt: deps.clock.now() },
  };
}

/** The profile `GET {authUrl}/auth/me` returns, with its Metadata API key. */
export interface AccountProfile {
  readonly id: string | number;
  readonly name?: string | null;
  readonly email?: string | null;
  readonly apiKey: string;
}

/**
 * Reads `{authUrl}/auth/me` with an auth token (used by sign-in and by refresh).
 * A rejected token → `UnauthorizedError`; no `api_key` → `UnauthorizedError`.
 */
export async function fetchAccountMe(
  deps: SignInDeps,
  authUrl: string,
  authToken: string,
): Promise<AccountProfile> {
  const body = await callAuth(deps, "GET", `${authUrl}/auth/me`, {
    token: authToken,
    rejected: "Xano no longer accepts this sign-in; sign in again",
  });
  const me = AccountMeSchema.safeParse(body);
  if (!me.success) throw new UpstreamError("Cannot read the Xano profile: auth/me has no id");
  if (!me.data.api_key) {
    throw new UnauthorizedError(
      "Cannot sign in: this Xano account has no Metadata API key (api_key) on its profile; ask the backend's admin to add one",
    );
  }
  return { id: me.data.id, name: me.data.name, email: me.data.email, apiKey: me.data.api_key };
}

async function callAuth(
  deps: SignInDeps,
  method: "GET" | "POST",
  url: string,
  options: { body?: unknown; token?: string; rejected: string },
): Promise<unknown> {
  const headers = new Headers({ accept: "application/json" });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  let response: Response;
  let text: string;
  try {
    response = await deps.fetch(
      new Request(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
      }),
    );
    text = await response.text();
  } catch (error) {
    throw new UpstreamError(
      `Cannot reach Xano at "${new URL(url).host}"; try again in a moment`,
      { cause: error, status: 503 },
    );
  }
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    throw new UnauthorizedError(`Cannot sign in: ${options.rejected}`);
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after"));
    throw new RateLimitError(
      "Cannot sign in: Xano is rate limiting sign-ins; wait a moment and try again",
      Number.isFinite(seconds) && seconds > 0 ? seconds : 30,
    );
  }
  if (!response.ok) {
    throw new UpstreamError(
      `Cannot sign in: Xano answered ${response.status}; try again in a moment`,
      { status: response.status === 503 ? 503 : 502 },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamError("Cannot sign in: Xano's answer is not JSON", { cause: error });
  }
}

function baseUrl(name: string, value: string): string {
  const url = URL.parse(value.trim());
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new BadRequestError(`Invalid ${name} "${value}": expected an http(s) URL`);
  }
  return url.href.replace(/\/+$/, "");
}
