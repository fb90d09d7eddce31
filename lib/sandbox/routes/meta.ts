/**
 * The Metadata API (`/api:meta`): authenticates every request with a
 * Metadata API token, then dispatches to the per-resource route modules.
 *
 * @module
 */

import { Hono } from "hono";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { authenticate } from "../tokens.ts";
import { accountRoutes } from "./account.ts";
import { contentRoutes } from "./content.ts";
import { historyRoutes } from "./history.ts";
import { schemaRoutes } from "./schema.ts";
import { tableRoutes } from "./tables.ts";
import { workspaceRoutes } from "./workspaces.ts";

/** Extra route modules mounted after the core ones. */
export type RouteModule = (app: Hono<SandboxEnv>, ctx: SandboxContext) => void;

/** Creates the Metadata API routes, relative to `/api:meta`. */
export function metaApiRoutes(
  ctx: SandboxContext,
  extra: readonly RouteModule[] = [],
): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.use(async (c, next) => {
    c.set("principal", await authenticate(ctx, c.req.header("authorization"), "meta"));
    await next();
  });
  for (
    const register of [
      accountRoutes,
      workspaceRoutes,
      tableRoutes,
      schemaRoutes,
      contentRoutes,
      historyRoutes,
      ...extra,
    ]
  ) {
    register(app, ctx);
  }
  return app;
}
