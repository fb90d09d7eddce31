/**
 * The human-facing web surface: static assets, public pages and the
 * dashboard, with errors rendered as pages instead of JSON.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../lib/errors.ts";
import { staticAssets } from "../lib/web/assets.ts";
import type { WebDeps } from "../lib/web/deps.ts";
import { renderPage } from "../lib/web/render.ts";
import { chrome, type WebEnv } from "./_shared.ts";
import { dashboardRoutes } from "./dashboard/mod.tsx";
import ErrorPage from "./ErrorPage.tsx";
import { publicRoutes } from "./public.tsx";

/** Mounts `/static/*`, `/`, `/login`, `/logout` and `/dashboard/*`. */
export function webRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.onError((error, c) => errorPage(deps, error, c));
  app.use("/static/*", staticAssets());
  app.get("/favicon.ico", (c) => c.redirect("/static/favicon.svg", 301));
  app.route("/", publicRoutes(deps));
  const dashboard = dashboardRoutes(deps);
  dashboard.onError((error, c) => errorPage(deps, error, c));
  dashboard.all(
    "*",
    (c) =>
      errorPage(deps, new AppError(404, "not_found", `There is no page at "${c.req.path}"`), c),
  );
  app.route("/dashboard", dashboard);
  return app;
}

function errorPage(deps: WebDeps, error: unknown, c: Context): Response {
  let status = 500;
  let message =
    "Something went wrong on our side. Try again; if it keeps happening, tell the operator the time it happened.";
  if (error instanceof AppError) {
    status = error.status;
    message = error.message;
  } else if (error instanceof HTTPException && error.status < 500) {
    status = error.status;
    message = error.message || "The request could not be read";
  } else {
    deps.logger.error("page failed", {
      path: c.req.path,
      error: error instanceof Error ? error : String(error),
    });
  }
  return renderPage(c, <ErrorPage {...chrome(deps)} status={status} message={message} />, {
    status,
  });
}
