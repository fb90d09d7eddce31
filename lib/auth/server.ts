/**
 * Assembles the authorization server from its parts: clients, tokens, API keys,
 * users, sessions, sign-in flows, rate limits and the combined token verifier.
 * `lib/app.ts` builds one per app and mounts its routes; the MCP endpoint takes
 * its `verifier`.
 *
 * @example
 * ```ts
 * const auth = createAuthServer({ kv, clock, ids, fetch, config, resolveHost, authenticator, credentials });
 * await auth.verifier.verify(bearer);
 * ```
 * @module
 */

import type { Clock, IdGenerator } from "../clock.ts";
import type { Config } from "../config.ts";
import { createRateLimiter, type RateLimit, type RateLimiter } from "../kv/rate_limits.ts";
import { createSessionStore, type SessionStore } from "../kv/sessions.ts";
import { createUserStore, type UserStore } from "../kv/users.ts";
import { type ApiKeyStore, createApiKeyStore } from "./api_keys.ts";
import { type AuthRequestStore, createAuthRequestStore } from "./auth_requests.ts";
import type { Authenticator, CredentialSink } from "./authenticator.ts";
import { type ClientStore, createClientStore } from "./clients.ts";
import { type OAuthUrls, oauthUrls } from "./metadata.ts";
import { type RedirectPolicy, redirectPolicy } from "./redirect_uris.ts";
import { createSessionCookies, type SessionCookies } from "./session.ts";
import type { ResolveHost } from "./ssrf.ts";
import { createTokenService, type TokenService, type TokenServiceTimes } from "./tokens.ts";
import { type CachingTokenVerifier, createTokenVerifier } from "./verifier.ts";

/** Abuse limits of the sign-in and registration endpoints. */
export interface AuthLimits {
  /** Sign-in attempts per client IP. */
  readonly signInPerIp: RateLimit;
  /** Sign-in attempts per account (email, or Metadata API host). */
  readonly signInPerAccount: RateLimit;
  /** Client registrations per IP (Claude registers on every connection, from shared egress IPs). */
  readonly registerPerIp: RateLimit;
}

/** Default {@link AuthLimits}. */
export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  signInPerIp: { limit: 30, windowMs: 15 * 60_000 },
  signInPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  registerPerIp: { limit: 60, windowMs: 10 * 60_000 },
};

/** Dependencies of {@link createAuthServer}. */
export interface AuthServerDeps {
  readonly kv: Deno.Kv;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly fetch: typeof fetch;
  readonly config: Config;
  /** DNS lookup for the SSRF guard (tests inject a table). */
  readonly resolveHost: ResolveHost;
  /** Upstream sign-in; without it the sign-in form answers 503. */
  readonly authenticator?: Authenticator;
  /** Where signed-in users' Xano credentials are sealed. */
  readonly credentials?: CredentialSink;
  readonly times?: Partial<TokenServiceTimes>;
  readonly limits?: Partial<AuthLimits>;
  /** Told about every refused hit, by bucket (the `rate_limited_total` metric). */
  onRateLimited?(bucket: string): void;
}

/** The assembled authorization server. */
export interface AuthServer {
  readonly urls: OAuthUrls;
  readonly config: Config;
  readonly clock: Clock;
  readonly redirects: RedirectPolicy;
  readonly clients: ClientStore;
  readonly tokens: TokenService;
  readonly apiKeys: ApiKeyStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly cookies: SessionCookies;
  readonly requests: AuthRequestStore;
  readonly limiter: RateLimiter;
  readonly limits: AuthLimits;
  /** Verifies OAuth access tokens and personal API keys for `/mcp`; forget() after revoking. */
  readonly verifier: CachingTokenVerifier;
  readonly authenticator?: Authenticator;
  readonly credentials?: CredentialSink;
}

/** Builds the {@link AuthServer}. */
export function createAuthServer(deps: AuthServerDeps): AuthServer {
  const { kv, clock, ids, config } = deps;
  const urls = oauthUrls(config.publicUrl);
  const redirects = redirectPolicy({ extra: config.auth.redirectUris });
  // The stores tell the verifier about revocations (called only after it exists).
  const onRevoked = () => verifier.forget();
  const tokens = createTokenService({
    kv,
    clock,
    ids,
    resource: urls.resource,
    times: deps.times,
    onRevoked,
  });
  const apiKeys = createApiKeyStore({ kv, clock, ids, onRevoked });
  const verifier = createTokenVerifier({ tokens, apiKeys, clock, cacheMs: config.ops.authCacheMs });
  const users = createUserStore({ kv, clock, ids });
  const sessions = createSessionStore({ kv, clock });
  return {
    urls,
    config,
    clock,
    redirects,
    clients: createClientStore({
      kv,
      clock,
      ids,
      fetch: deps.fetch,
      resolveHost: deps.resolveHost,
      redirects,
      allowLoopback: config.env !== "production",
    }),
    tokens,
    apiKeys,
    users,
    sessions,
    cookies: createSessionCookies({ sessions, users, secure: urls.issuer.startsWith("https:") }),
    requests: createAuthRequestStore({ kv, clock, ids }),
    limiter: createRateLimiter({ kv, clock, onRefused: deps.onRateLimited }),
    limits: {
      ...DEFAULT_AUTH_LIMITS,
      signInPerIp: config.ops.signInPerIp,
      signInPerAccount: config.ops.signInPerAccount,
      registerPerIp: config.ops.registerPerIp,
      ...deps.limits,
    },
    verifier,
    ...(deps.authenticator ? { authenticator: deps.authenticator } : {}),
    ...(deps.credentials ? { credentials: deps.credentials } : {}),
  };
}
