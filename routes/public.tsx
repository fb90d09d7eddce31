/**
 * Public pages: the landing page, and `/login` / `/logout`, which lead to the
 * authorization server's sign-in (the same account options MCP clients get)
 * and end the dashboard session.
 *
 * @module
 */

import { Hono } from "hono";
import { CSRF_FIELD, csrfMatches, isSameOrigin } from "../lib/web/csrf.ts";
import type { WebDeps } from "../lib/web/deps.ts";
import { renderPage } from "../lib/web/render.ts";
import Landing from "./Landing.tsx";
import Logout from "./Logout.tsx";
import { chrome, field, mcpUrl, readForm, type WebEnv } from "./_shared.ts";

/** Routes for `/`, `/login` and `/logout`. */
export function publicRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get("/", async (c) => {
    const session = await deps.sessions.current(c);
    return renderPage(c, <Landing {...chrome(deps)} session={session} mcpUrl={mcpUrl(deps)} />);
  });

  app.get("/login", async (c) => {
    const next = safeNext(c.req.query("next"));
    if (await deps.sessions.current(c)) return c.redirect(next, 303);
    return c.redirect(`/signin?return_to=${encodeURIComponent(next)}`, 303);
  });

  app.get("/logout", async (c) => {
    const session = await deps.sessions.current(c);
    if (!session) return c.redirect("/", 303);
    return renderPage(c, <Logout {...chrome(deps)} session={session} />);
  });

  app.post("/logout", async (c) => {
    const session = await deps.sessions.current(c);
    if (!session) return c.redirect("/", 303);
    const form = await readForm(c);
    const allowed = isSameOrigin(c.req.raw, deps.config.publicUrl) &&
      csrfMatches(session.csrfToken, field(form, CSRF_FIELD));
    if (!allowed) return c.redirect("/logout", 303);
    await deps.sessions.signOut(c);
    return c.redirect("/", 303);
  });

  return app;
}

/** Where to go after sign-in: a dashboard path, never another site. */
export function safeNext(next: string | undefined): string {
  if (
    !next || !next.startsWith("/dashboard") || next.startsWith("//") || next.includes("\\") ||
    next.length > 500
  ) {
    return "/dashboard";
  }
  return next;
}
