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
import { apiGroupRoutes } from "./apigroups.ts";
import { logicRoutes } from "./logic_routes.ts";
import { multidocRoutes } from "./multidoc.ts";
import { openApiRoutes } from "./openapi.ts";
import { workspaceApiRoutes } from "./workspace_apis.ts";
import { contentRoutes } from "./content.ts";
import { historyRoutes } from "./history.ts";
import { schemaRoutes } from "./schema.ts";
import { tableRoutes } from "./tables.ts";
import { unsupportedRoutes } from "./unsupported.ts";
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
      unsupportedRoutes,
      accountRoutes,
      workspaceRoutes,
      tableRoutes,
      schemaRoutes,
      contentRoutes,
      historyRoutes,
      apiGroupRoutes,
      logicRoutes("api", "/workspace/:workspace_id/apigroup/:apigroup_id/api"),
      workspaceApiRoutes,
      logicRoutes("function", "/workspace/:workspace_id/function"),
      logicRoutes("task", "/workspace/:workspace_id/task"),
      multidocRoutes,
      openApiRoutes,
      ...extra,
    ]
  ) {
    register(app, ctx);
  }
  return app;
}
