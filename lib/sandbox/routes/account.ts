/**
 * Account-level Metadata API routes: `GET /auth/me`, `GET /instance`,
 * `GET /instance/{name}`. The sandbox is one instance whose Metadata API is
 * this same server.
 *
 * @module
 */

import type { Hono } from "hono";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { notFound } from "../errors.ts";

/** The name of the sandbox's single instance. */
export const INSTANCE_NAME = "sandbox";

/** Registers `/auth/me` and the instance routes. */
export function accountRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  app.get("/auth/me", async (c) => {
    const { account } = c.get("principal");
    const workspaces = await ctx.db.workspaces.list();
    return c.json({
      id: account.id,
      name: account.name,
      email: account.email,
      extras: {
        instance: {
          membership: { role: "admin", workspace: { id: workspaces.map((w) => w.id) } },
        },
      },
    });
  });

  app.get("/instance", (c) => c.json([instance(c.req.url)]));

  app.get("/instance/:name", (c) => {
    const name = c.req.param("name");
    if (name !== INSTANCE_NAME) throw notFound(`Instance "${name}" was not found`);
    return c.json(instance(c.req.url));
  });

  function instance(requestUrl: string) {
    const url = new URL(requestUrl);
    const base = `${url.origin}${ctx.basePath}`;
    return {
      name: INSTANCE_NAME,
      display: "Local Xano sandbox",
      xano_domain: url.host,
      custom_domain: null,
      rate_limit: false,
      meta_api: `${base}/api:meta`,
      meta_swagger: `${base}/apispec:meta?type=json`,
    };
  }
}
