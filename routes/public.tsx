/**
 * Public pages: the landing page, sign-in and sign-out.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import {
  CSRF_FIELD,
  csrfMatches,
  isSameOrigin,
  loginCsrfCookieName,
  newLoginCsrf,
  readCookie,
} from "../lib/web/csrf.ts";
import type { SignInForm, WebDeps } from "../lib/web/deps.ts";
import { renderPage } from "../lib/web/render.ts";
import Landing from "./Landing.tsx";
import Login, { type LoginProps } from "./Login.tsx";
import Logout from "./Logout.tsx";
import { chrome, field, readForm, type WebEnv } from "./_shared.ts";

/** Routes for `/`, `/login` and `/logout`. */
export function publicRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get("/", async (c) => {
    const session = await deps.sessions.current(c.req.raw);
    return renderPage(
      c,
      <Landing {...chrome(deps)} session={session} mcpUrl={`${deps.config.publicUrl}/mcp`} />,
    );
  });

  app.get("/login", async (c) => {
    if (await deps.sessions.current(c.req.raw)) {
      return c.redirect(safeNext(c.req.query("next")), 303);
    }
    return loginPage(c, c.req.query("next"), {});
  });

  app.post("/login", async (c) => {
    const form = await readForm(c);
    const next = field(form, "next") || c.req.query("next");
    const cookie = readCookie(c.req.raw, loginCsrfCookieName(deps.config.publicUrl)) ?? "";
    if (
      !isSameOrigin(c.req.raw, deps.config.publicUrl) ||
      !csrfMatches(cookie, field(form, CSRF_FIELD))
    ) {
      return loginPage(c, next, { error: "The sign-in form expired; please try again" }, 403);
    }
    const parsed = parseSignIn(form);
    if ("error" in parsed) return loginPage(c, next, { ...parsed.keep, error: parsed.error }, 400);
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    const outcome = await deps.sessions.signIn(parsed.form, forwarded ? { ip: forwarded } : {});
    if (!outcome.ok) {
      return loginPage(c, next, { ...parsed.keep, error: outcome.message }, outcome.status ?? 401);
    }
    c.header("Set-Cookie", outcome.setCookie, { append: true });
    c.header("Set-Cookie", clearLoginCsrf(), { append: true });
    return c.redirect(safeNext(next), 303);
  });

  app.get("/logout", async (c) => {
    const session = await deps.sessions.current(c.req.raw);
    if (!session) return c.redirect("/", 303);
    return renderPage(c, <Logout {...chrome(deps)} session={session} />);
  });

  app.post("/logout", async (c) => {
    const session = await deps.sessions.current(c.req.raw);
    if (!session) return c.redirect("/", 303);
    const form = await readForm(c);
    if (
      !isSameOrigin(c.req.raw, deps.config.publicUrl) ||
      !csrfMatches(session.csrfToken, field(form, CSRF_FIELD))
    ) {
      return c.redirect("/logout", 303);
    }
    c.header("Set-Cookie", await deps.sessions.signOut(c.req.raw));
    return c.redirect("/", 303);
  });

  function loginPage(
    c: Context,
    next: string | undefined,
    extra: Partial<LoginProps>,
    status = 200,
  ): Response {
    const csrf = newLoginCsrf(deps.config.publicUrl);
    const { sandbox } = deps.config.xano.useSandbox
      ? { sandbox: deps.config.sandbox }
      : { sandbox: null };
    const page = (
      <Login
        {...chrome(deps)}
        csrfToken={csrf.token}
        next={next && next.startsWith("/dashboard") ? next : undefined}
        {...(sandbox ? { demo: { email: sandbox.demoEmail, password: sandbox.demoPassword } } : {})}
        {...extra}
      />
    );
    return renderPage(c, page, { status, headers: { "Set-Cookie": csrf.setCookie } });
  }

  function clearLoginCsrf(): string {
    const secure = deps.config.publicUrl.startsWith("https:") ? "; Secure" : "";
    return `${
      loginCsrfCookieName(deps.config.publicUrl)
    }=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`;
  }

  return app;
}

/** Where to go after sign-in: a dashboard path, never another site. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith("/dashboard") || next.startsWith("//") || next.includes("\\")) {
    return "/dashboard";
  }
  return next;
}

type Parsed =
  | { form: SignInForm; keep: Partial<LoginProps> }
  | { error: string; keep: Partial<LoginProps> };

function parseSignIn(form: Record<string, string | string[]>): Parsed {
  if (field(form, "method") === "token") {
    const instanceUrl = field(form, "instance_url");
    const metaToken = field(form, "meta_token");
    const keep = { method: "token" as const, instanceUrl };
    const url = URL.parse(instanceUrl);
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      return { error: `Enter the instance URL, such as "https://x1a2-b3c4.n7.xano.io"`, keep };
    }
    if (!metaToken) return { error: "Enter a Metadata API token", keep };
    return { form: { kind: "token", instanceUrl: url.origin, metaToken }, keep };
  }
  const email = field(form, "email");
  const password = field(form, "password", true);
  const keep = { method: "account" as const, email };
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    return { error: "Enter the email address of your Xano account", keep };
  }
  if (!password) return { error: "Enter your password", keep };
  return { form: { kind: "account", email, password }, keep };
}
