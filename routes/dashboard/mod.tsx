/**
 * The signed-in dashboard: a guard that loads the session (or sends people to
 * sign in), the pages, and their form handlers.
 *
 * @module
 */

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { PayloadTooLargeError } from "../../lib/errors.ts";
import type { WebDeps } from "../../lib/web/deps.ts";
import { renderPage } from "../../lib/web/render.ts";
import { chrome, mcpUrl, type WebEnv } from "../_shared.ts";
import { actionRoutes } from "./actions.tsx";
import { renderApiKeys } from "./_api_keys.tsx";
import Connections from "./Connections.tsx";
import Docs from "./Docs.tsx";
import { eventRoutes } from "./event_routes.tsx";
import { renderOverview } from "./_overview.tsx";
import { deployTargets } from "./_deploy_targets.ts";
import PlaygroundPage, { SAMPLE_CODE } from "./PlaygroundPage.tsx";
import Usage, { USAGE_RANGES } from "./Usage.tsx";

/** Notices shown after a redirect, by key (no user text travels in URLs). */
export const NOTICES: Readonly<Record<string, { kind: "ok" | "error"; text: string }>> = {
  "key-revoked": { kind: "ok", text: "API key revoked. Clients using it are signed out." },
  "key-missing": { kind: "error", text: "That API key no longer exists." },
  "connection-revoked": { kind: "ok", text: "Access revoked. The client is signed out." },
  "connection-missing": { kind: "error", text: "That connection no longer exists." },
};

/** Routes under `/dashboard`. */
export function dashboardRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get("/docs", async (c) => {
    const session = await deps.sessions.current(c);
    return renderPage(
      c,
      <Docs
        {...chrome(deps)}
        session={session}
        mcpUrl={mcpUrl(deps)}
        tools={deps.tools}
        {...(deps.toolsets ? { toolsets: deps.toolsets } : {})}
      />,
    );
  });

  app.use("*", async (c, next) => {
    const session = await deps.sessions.current(c);
    if (!session) {
      const target = c.req.method === "GET" ? new URL(c.req.url).pathname : "/dashboard";
      return c.redirect(`/login?next=${encodeURIComponent(target)}`, 303);
    }
    c.set("session", session);
    await next();
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: 128 * 1024,
      onError: () => {
        throw new PayloadTooLargeError("The form is larger than 128 KB; shorten it and try again");
      },
    }),
  );

  app.get("/", (c) => renderOverview(c, deps, c.get("session")));

  app.get("/connections", async (c) => {
    const session = c.get("session");
    const connections = await deps.connections.list(session.user.id);
    const flash = NOTICES[c.req.query("notice") ?? ""];
    return renderPage(
      c,
      <Connections {...chrome(deps)} session={session} connections={connections} flash={flash} />,
    );
  });

  app.get("/api-keys", async (c) => {
    const flash = NOTICES[c.req.query("notice") ?? ""];
    return await renderApiKeys(c, deps, c.get("session"), { flash });
  });

  app.get("/usage", async (c) => {
    const session = c.get("session");
    const range = c.req.query("range") ?? "7d";
    const chosen = range in USAGE_RANGES ? range : "7d";
    const report = await deps.usage.report(session.user.id, { days: USAGE_RANGES[chosen]! });
    return renderPage(
      c,
      <Usage {...chrome(deps)} session={session} range={chosen} report={report} />,
    );
  });

  app.get("/playground", async (c) => {
    const session = c.get("session");
    return renderPage(
      c,
      <PlaygroundPage
        {...chrome(deps)}
        session={session}
        code={SAMPLE_CODE}
        canDeploy={deps.deploy !== undefined}
        {...await deployTargets(deps, session.user.id)}
      />,
    );
  });

  app.route("/", eventRoutes(deps));
  app.route("/", actionRoutes(deps));
  return app;
}
