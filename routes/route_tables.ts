/**
 * The route tables of the surfaces `lib/app.ts` mounts lazily (see
 * `lib/http/lazy_routes.ts`): exactly the routes `app.route("/", sub)` would
 * register for each, in order. Kept in this light module so that declaring the
 * routes does not load the pages; `tests/routes/route_tables_test.ts` checks
 * each table against the real app.
 *
 * @module
 */

import type { LazyRoute } from "../lib/http/lazy_routes.ts";

function table(lines: string): readonly LazyRoute[] {
  return Object.freeze(
    lines.trim().split("\n").map((line) => {
      const [method, path] = line.trim().split(" ") as [string, string];
      return Object.freeze({ method, path });
    }),
  );
}

/** `oauthRoutes` (routes/oauth.ts): discovery metadata, registration, authorize, token, revoke. */
export const OAUTH_ROUTES: readonly LazyRoute[] = table(`
  ALL /.well-known/*
  ALL /register
  ALL /register/*
  ALL /token
  ALL /revoke
  POST /register
  POST /token
  POST /revoke
  GET /.well-known/oauth-protected-resource/mcp
  GET /.well-known/oauth-protected-resource
  GET /.well-known/oauth-authorization-server
  POST /register
  GET /register/:clientId
  GET /authorize
  POST /token
  POST /revoke
`);

/** `signInRoutes` (routes/sign_in.tsx): the sign-in and consent pages. */
export const SIGN_IN_ROUTES: readonly LazyRoute[] = table(`
  POST /signin
  POST /consent
  POST /signout
  GET /signin
  POST /signin
  GET /consent
  POST /consent
  POST /signout
`);

/** `webRoutes` (routes/mod.tsx): static assets, public pages and the dashboard. */
export const WEB_ROUTES: readonly LazyRoute[] = table(`
  ALL /static/*
  GET /favicon.ico
  GET /
  GET /login
  GET /logout
  POST /logout
  GET /dashboard/docs
  ALL /dashboard/*
  ALL /dashboard/*
  GET /dashboard
  GET /dashboard/connections
  GET /dashboard/api-keys
  GET /dashboard/usage
  GET /dashboard/playground
  GET /dashboard/events
  GET /dashboard/events.csv
  POST /dashboard/api-keys
  POST /dashboard/api-keys/:id/revoke
  POST /dashboard/connections/:id/revoke
  POST /dashboard/xano/refresh
  POST /dashboard/playground/deploy
  ALL /dashboard/*
`);
