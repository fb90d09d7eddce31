/**
 * The pages people see: sign-in (Xano account or Metadata API token), consent
 * for an MCP client, and sign-out. Plain forms that work without JavaScript;
 * every post must come from the browser that started the flow and carry the
 * flow's CSRF token.
 */

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Context } from "hono";
import { type AuthRequest, csrfMatches } from "../lib/auth/auth_requests.ts";
import { metaApiUrl } from "../lib/auth/authenticator.ts";
import { clientRedirect } from "../lib/auth/authorize.ts";
import type { AuthServer } from "../lib/auth/server.ts";
import { checkFetchableUrl, type ResolveHost } from "../lib/auth/ssrf.ts";
import type { Scope } from "../lib/auth/types.ts";
import { AppError, RateLimitError } from "../lib/errors.ts";
import { clientIp } from "../lib/http/client_ip.ts";
import type { SignInResult } from "../lib/xano/types.ts";
import { CONSENT_TOOLSETS, ConsentPage } from "./ConsentPage.tsx";
import { MessagePage } from "./MessagePage.tsx";
import { renderPage } from "./render.tsx";
import { SignInPage } from "./SignInPage.tsx";

const MAX_FORM = 16 * 1024;
const TOOLSET_IDS = new Set(CONSENT_TOOLSETS.map((t) => t.id));

/** Routes of the sign-in, consent and sign-out pages. */
export function signInRoutes(auth: AuthServer, deps: { resolveHost: ResolveHost }): Hono {
  const app = new Hono();
  const accountSignIn = auth.config.xano.useSandbox || auth.config.xano.authUrl !== undefined;
  const sandbox = auth.config.xano.useSandbox
    ? { email: auth.config.sandbox.demoEmail, password: auth.config.sandbox.demoPassword }
    : undefined;

  const expired = (c: Context) =>
    renderPage(
      c,
      MessagePage({
        title: "This sign-in has expired",
        message:
          "The sign-in link has expired, was already used, or was opened in another browser.",
        hint: "Start again from your MCP client or the dashboard.",
      }),
      400,
    );
  const forged = (c: Context) =>
    renderPage(
      c,
      MessagePage({
        title: "Form not accepted",
        message:
          "The form was not sent from this sign-in page (its security token is missing or wrong).",
        hint: "Reload the page and submit it again.",
      }),
      403,
    );
  const limit = bodyLimit({
    maxSize: MAX_FORM,
    onError: (c) =>
      renderPage(
        c,
        MessagePage({
          title: "Form too large",
          message: `The form is larger than ${MAX_FORM} bytes.`,
          hint: "Go back and submit it again.",
        }),
        413,
      ),
  });
  for (const path of ["/signin", "/consent", "/signout"]) app.post(path, limit);
  const flow = (c: Context, id: string | null | undefined) =>
    auth.requests.get(id ?? "", auth.cookies.readFlowSecret(c));

  app.get("/signin", async (c) => {
    const id = c.req.query("request");
    if (!id) {
      const returnTo = localPath(c.req.query("return_to")) ?? "/dashboard";
      if (await auth.cookies.current(c)) return c.redirect(returnTo, 303);
      const request = await auth.requests.create(auth.cookies.flowSecret(c), { returnTo });
      return c.redirect(`/signin?request=${encodeURIComponent(request.id)}`, 303);
    }
    const request = await flow(c, id);
    if (!request) return expired(c);
    return renderPage(c, SignInPage({ ...pageProps(request), sandbox, accountSignIn }));
  });

  app.post("/signin", async (c) => {
    const form = await readForm(c);
    const request = await flow(c, form.get("request"));
    if (!request) return expired(c);
    if (!csrfMatches(request.csrf, form.get("csrf"))) return forged(c);
    const method = form.get("method");
    const email = (form.get("email") ?? "").trim();
    const rawMetaUrl = (form.get("meta_url") ?? "").trim();
    const again = (error: string, status: number, headers: Record<string, string> = {}) => {
      const res = renderPage(
        c,
        SignInPage({
          ...pageProps(request),
          sandbox,
          accountSignIn,
          error,
          email,
          metaUrl: rawMetaUrl,
        }),
        status,
      );
      for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
      return res;
    };

    let attempt: () => Promise<SignInResult>;
    let account: string;
    if (method === "password") {
      if (!accountSignIn) {
        return again(
          "This server has no Xano account sign-in; sign in with a Metadata API token",
          400,
        );
      }
      const password = form.get("password") ?? "";
      if (!email || !password) return again("Enter your Xano email and password", 400);
      account = `email:${email.toLowerCase()}`;
      attempt = () => auth.authenticator!.password(email, password);
    } else if (method === "token") {
      const metaUrl = metaApiUrl(rawMetaUrl);
      const token = (form.get("meta_token") ?? "").trim();
      if (!metaUrl) return again(`Instance URL "${rawMetaUrl}" is not an http(s) URL`, 400);
      if (!token) return again("Enter your Metadata API token", 400);
      const refused = await checkFetchableUrl(metaUrl, {
        resolveHost: deps.resolveHost,
        allowLoopback: auth.config.env !== "production",
      });
      if (refused) return again(`Cannot use this instance URL: ${refused}`, 400);
      account = `meta:${new URL(metaUrl).host}`;
      attempt = () => auth.authenticator!.token(metaUrl, token);
    } else {
      return again("Choose how to sign in", 400);
    }

    try {
      await auth.limiter.consume(
        "signin_ip",
        clientIp(c, auth.config.auth),
        auth.limits.signInPerIp,
      );
      await auth.limiter.consume("signin_account", account, auth.limits.signInPerAccount);
    } catch (error) {
      if (!(error instanceof RateLimitError)) throw error;
      return again(
        `Too many sign-in attempts; wait ${error.retryAfterSeconds} seconds and try again`,
        429,
        { "Retry-After": String(error.retryAfterSeconds) },
      );
    }
    if (!auth.authenticator || !auth.credentials) {
      return again("Sign-in is not available: this server has no Xano sign-in configured", 503);
    }

    let result: SignInResult;
    try {
      result = await attempt();
    } catch (error) {
      if (!(error instanceof AppError)) {
        c.get("log")?.error("upstream sign-in failed", {
          error: error instanceof Error ? error : String(error),
        });
        return again("Xano did not answer as expected; try again in a moment", 502);
      }
      c.get("log")?.info("sign-in refused", { method, status: error.status });
      return again(
        error.message,
        error.status === 403 ? 401 : error.status,
        { ...error.headers },
      );
    }
    const user = await auth.users.upsert({
      identity: result.identity,
      name: result.name,
      ...(result.email ? { email: result.email } : {}),
    });
    await auth.credentials.put(user.id, result.credential);
    c.get("log")?.info("signed in", { userId: user.id, method });
    await auth.cookies.signIn(c, user.id);
    await auth.limiter.reset("signin_account", account, auth.limits.signInPerAccount);
    if (request.oauth) return c.redirect(`/consent?request=${encodeURIComponent(request.id)}`, 303);
    await auth.requests.delete(request.id);
    return c.redirect(request.returnTo ?? "/dashboard", 303);
  });

  app.get("/consent", async (c) => {
    const request = await flow(c, c.req.query("request"));
    if (!request?.oauth) return expired(c);
    const current = await auth.cookies.current(c);
    if (!current) return c.redirect(`/signin?request=${encodeURIComponent(request.id)}`, 303);
    return renderPage(
      c,
      ConsentPage(consentProps(auth, request, current.user.email ?? current.user.name)),
    );
  });

  app.post("/consent", async (c) => {
    const form = await readForm(c);
    const request = await flow(c, form.get("request"));
    if (!request?.oauth) return expired(c);
    if (!csrfMatches(request.csrf, form.get("csrf"))) return forged(c);
    const current = await auth.cookies.current(c);
    if (!current) return c.redirect(`/signin?request=${encodeURIComponent(request.id)}`, 303);
    const oauth = request.oauth;
    const again = (error: string) =>
      renderPage(
        c,
        ConsentPage({
          ...consentProps(auth, request, current.user.email ?? current.user.name),
          error,
        }),
        400,
      );

    if (form.get("decision") !== "approve") {
      await auth.requests.delete(request.id);
      return c.redirect(
        clientRedirect(oauth.redirectUri, {
          error: "access_denied",
          error_description: "The user denied access",
          state: oauth.state,
        }, auth.urls.issuer),
        303,
      );
    }
    const toolsets = form.getAll("toolsets").filter((id) => TOOLSET_IDS.has(id));
    if (toolsets.length === 0) return again("Choose at least one toolset");
    const rawWorkspace = (form.get("workspace_id") ?? "").trim();
    const workspaceId = rawWorkspace === "" ? undefined : Number(rawWorkspace);
    if (workspaceId !== undefined && !(Number.isSafeInteger(workspaceId) && workspaceId > 0)) {
      return again(`Workspace id "${rawWorkspace}" must be a positive whole number, or empty`);
    }
    const readOnly = form.get("read_only") === "on";
    const scopes: Scope[] = readOnly ? ["xano:read"] : [...oauth.scopes];
    const code = await auth.tokens.issueCode({
      userId: current.user.id,
      clientId: oauth.clientId,
      ...(oauth.clientName ? { clientName: oauth.clientName } : {}),
      redirectUri: oauth.redirectUri,
      codeChallenge: oauth.codeChallenge,
      resource: oauth.resource,
      scopes,
      readOnly,
      toolsets,
      ...(workspaceId !== undefined ? { workspaceId } : {}),
    });
    await auth.requests.delete(request.id);
    c.get("log")?.info("client authorized", {
      userId: current.user.id,
      clientId: oauth.clientId,
      readOnly,
    });
    return c.redirect(
      clientRedirect(oauth.redirectUri, { code, state: oauth.state }, auth.urls.issuer),
      303,
    );
  });

  app.post("/signout", async (c) => {
    const form = await readForm(c);
    const current = await auth.cookies.current(c);
    if (current && !csrfMatches(current.session.csrf, form.get("csrf"))) return forged(c);
    await auth.cookies.signOut(c);
    return c.redirect("/", 303);
  });

  return app;
}

function pageProps(request: AuthRequest) {
  return {
    requestId: request.id,
    csrf: request.csrf,
    ...(request.oauth ? { clientName: request.oauth.clientName ?? request.oauth.clientId } : {}),
  };
}

function consentProps(auth: AuthServer, request: AuthRequest, userName: string) {
  const oauth = request.oauth!;
  return {
    requestId: request.id,
    csrf: request.csrf,
    clientName: oauth.clientName ?? oauth.clientId,
    redirectHost: new URL(oauth.redirectUri).host,
    loopbackOnly: auth.redirects.isLoopback(oauth.redirectUri),
    userName,
    scopes: oauth.scopes,
  };
}

async function readForm(c: Context): Promise<URLSearchParams> {
  const text = await c.req.text();
  if (text.length > MAX_FORM) return new URLSearchParams();
  return new URLSearchParams(text);
}

/** A same-origin path to return to, or `null` (no open redirects: no `//host`, no scheme). */
function localPath(value: string | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return null;
  }
  return value.length <= 500 ? value : null;
}
