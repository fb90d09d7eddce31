/**
 * The OAuth protocol endpoints: discovery documents, `/register` (RFC 7591/7592),
 * `/authorize`, `/token` and `/revoke` (RFC 7009). Protocol errors are RFC 6749
 * JSON bodies; `/authorize` errors redirect back to the client (with `iss`) once
 * the client and redirect URI are known, and render a page before that.
 */

import { Hono } from "hono";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { clientRedirect, validateAuthorizeRequest } from "../lib/auth/authorize.ts";
import { clientInformation, type OAuthClient } from "../lib/auth/clients.ts";
import { authorizationServerMetadata, protectedResourceMetadata } from "../lib/auth/metadata.ts";
import { OAuthError, oauthErrorBody } from "../lib/auth/oauth_error.ts";
import type { AuthServer } from "../lib/auth/server.ts";
import { ALL_SCOPES, type Scope } from "../lib/auth/types.ts";
import { AppError } from "../lib/errors.ts";
import { clientIp } from "../lib/http/client_ip.ts";
import { renderPage } from "./render.tsx";
import { MessagePage } from "./MessagePage.tsx";

const MAX_BODY = 16 * 1024;
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** Routes of the authorization server's protocol surface. */
export function oauthRoutes(auth: AuthServer): Hono {
  const app = new Hono();
  const open = cors({
    origin: "*",
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "MCP-Protocol-Version"],
    maxAge: 86_400,
  });
  for (const path of ["/.well-known/*", "/register", "/register/*", "/token", "/revoke"]) {
    app.use(path, open);
  }
  const limit = bodyLimit({
    maxSize: MAX_BODY,
    onError: (c) =>
      c.json(
        {
          error: "invalid_request",
          error_description: `Request body is larger than ${MAX_BODY} bytes`,
        },
        413,
        NO_STORE,
      ),
  });
  for (const path of ["/register", "/token", "/revoke"]) app.post(path, limit);

  const prm = (c: Context) => c.json(protectedResourceMetadata(auth.urls));
  app.get("/.well-known/oauth-protected-resource/mcp", prm);
  app.get("/.well-known/oauth-protected-resource", prm);
  app.get(
    "/.well-known/oauth-authorization-server",
    (c) => c.json(authorizationServerMetadata(auth.urls)),
  );

  app.post("/register", (c) =>
    oauthJson(c, async () => {
      await auth.limiter.consume(
        "register_ip",
        clientIp(c, auth.config.auth),
        auth.limits.registerPerIp,
        "Too many client registrations from this address; try again later",
      );
      const body = await readJson(c);
      const { client, clientSecret, registrationAccessToken } = await auth.clients.register(body);
      const info = clientInformation(client, {
        clientSecret,
        registrationAccessToken,
        registrationClientUri: `${auth.urls.registration}/${encodeURIComponent(client.clientId)}`,
      });
      return c.json(info, 201, NO_STORE);
    }));

  app.get("/register/:clientId", (c) =>
    oauthJson(c, async () => {
      const client = await auth.clients.get(c.req.param("clientId"));
      const bearer = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
      if (
        !client || client.source !== "dcr" ||
        !(await auth.clients.verifyRegistrationToken(client, bearer))
      ) {
        throw new OAuthError("invalid_token", "Registration access token is missing or invalid");
      }
      return c.json(clientInformation(client, { registrationClientUri: c.req.url }), 200, NO_STORE);
    }));

  app.get("/authorize", async (c) => {
    const params = new URL(c.req.url).searchParams;
    const result = await validateAuthorizeRequest(params, {
      clients: auth.clients,
      resource: auth.urls.resource,
      isLoopback: auth.redirects.isLoopback,
    });
    if (!result.ok) {
      if (result.redirectUri) {
        return c.redirect(
          clientRedirect(result.redirectUri, {
            error: result.error.oauthCode,
            error_description: result.error.message,
            state: result.state,
          }, auth.urls.issuer),
          302,
        );
      }
      return renderPage(
        c,
        MessagePage({
          title: "This sign-in link cannot be used",
          message: result.error.message,
          hint:
            "Go back to your MCP client and connect again; it will register and start a new sign-in.",
        }),
        400,
      );
    }
    const request = await auth.requests.create(auth.cookies.flowSecret(c), {
      oauth: result.request,
    });
    const signedIn = await auth.cookies.current(c);
    const next = signedIn ? "/consent" : "/signin";
    return c.redirect(`${next}?request=${encodeURIComponent(request.id)}`, 303);
  });

  app.post("/token", (c) =>
    oauthJson(c, async () => {
      const form = await readForm(c);
      const client = await authenticateClient(c, auth, form);
      const grantType = form.get("grant_type");
      const resource = form.get("resource") ?? undefined;
      let set;
      if (grantType === "authorization_code") {
        set = await auth.tokens.exchangeCode({
          code: required(form, "code"),
          clientId: client.clientId,
          redirectUri: required(form, "redirect_uri"),
          codeVerifier: required(form, "code_verifier"),
          resource,
        });
      } else if (grantType === "refresh_token") {
        if (!client.grantTypes.includes("refresh_token") && client.source === "dcr") {
          throw new OAuthError(
            "unauthorized_client",
            "This client is not registered for the refresh_token grant",
          );
        }
        set = await auth.tokens.refresh({
          refreshToken: required(form, "refresh_token"),
          clientId: client.clientId,
          resource,
          scopes: parseScopes(form.get("scope")),
        });
      } else {
        throw new OAuthError(
          grantType ? "unsupported_grant_type" : "invalid_request",
          grantType
            ? `Grant type "${grantType}" is not supported`
            : "The grant_type parameter is missing",
        );
      }
      return c.json(
        {
          access_token: set.accessToken,
          token_type: "Bearer",
          expires_in: set.expiresIn,
          refresh_token: set.refreshToken,
          scope: set.scopes.join(" "),
        },
        200,
        NO_STORE,
      );
    }));

  app.post("/revoke", (c) =>
    oauthJson(c, async () => {
      const form = await readForm(c);
      const client = await authenticateClient(c, auth, form);
      await auth.tokens.revoke(required(form, "token"), client.clientId);
      return c.body(null, 200, NO_STORE);
    }));

  return app;
}

async function oauthJson(c: Context, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const oauth = toOAuthError(error);
    if (!oauth) throw error;
    const headers: Record<string, string> = { ...NO_STORE, ...oauth.headers };
    if (oauth.status === 401 && /^Basic /i.test(c.req.header("authorization") ?? "")) {
      headers["WWW-Authenticate"] = 'Basic realm="token"';
    }
    return c.json(oauthErrorBody(oauth), oauth.status as 400, headers);
  }
}

function toOAuthError(error: unknown): OAuthError | null {
  if (error instanceof OAuthError) return error;
  if (error instanceof AppError) {
    const code = error.status === 429
      ? "temporarily_unavailable"
      : error.status === 413
      ? "invalid_request"
      : "server_error";
    return new OAuthError(code, error.message, { status: error.status, headers: error.headers });
  }
  return null;
}

async function readJson(c: Context): Promise<unknown> {
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
    throw new OAuthError(
      "invalid_client_metadata",
      "Send the registration as Content-Type: application/json",
    );
  }
  const text = await readLimited(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new OAuthError("invalid_client_metadata", "The registration body is not valid JSON");
  }
}

async function readForm(c: Context): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header("content-type") ?? "")) {
    throw new OAuthError(
      "invalid_request",
      "Send the request as application/x-www-form-urlencoded",
    );
  }
  const form = new URLSearchParams(await readLimited(c));
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) {
      throw new OAuthError("invalid_request", `The ${name} parameter must appear once`);
    }
  }
  return form;
}

async function readLimited(c: Context): Promise<string> {
  const text = await c.req.text();
  if (text.length > MAX_BODY) {
    throw new OAuthError("invalid_request", `Request body is larger than ${MAX_BODY} bytes`, {
      status: 413,
    });
  }
  return text;
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw new OAuthError("invalid_request", `The ${name} parameter is missing`);
  return value;
}

function parseScopes(raw: string | null): Scope[] | undefined {
  if (!raw) return undefined;
  const scopes = raw.split(" ").filter((s) => s && s !== "offline_access");
  const unknown = scopes.find((s) => !(ALL_SCOPES as readonly string[]).includes(s));
  if (unknown) throw new OAuthError("invalid_scope", `Scope "${unknown}" is not supported`);
  return scopes as Scope[];
}

/** Client authentication at the token and revocation endpoints (none, post or basic). */
async function authenticateClient(
  c: Context,
  auth: AuthServer,
  form: URLSearchParams,
): Promise<OAuthClient> {
  let clientId = form.get("client_id");
  let secret = form.get("client_secret");
  const basic = /^Basic (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  let method: OAuthClient["tokenEndpointAuthMethod"] = secret ? "client_secret_post" : "none";
  if (basic) {
    const decoded = decodeBasic(basic);
    if (!decoded || (clientId && clientId !== decoded.id)) {
      throw new OAuthError(
        "invalid_client",
        "Basic credentials are malformed or name another client",
      );
    }
    if (secret) throw new OAuthError("invalid_request", "Send the client secret in one place only");
    [clientId, secret, method] = [decoded.id, decoded.secret, "client_secret_basic"];
  }
  if (!clientId) {
    throw new OAuthError("invalid_client", "Client authentication is missing: send client_id");
  }
  const client = await auth.clients.get(clientId);
  if (!client) throw new OAuthError("invalid_client", `Client "${clientId}" is not registered`);
  if (client.tokenEndpointAuthMethod === "none") {
    if (method !== "none") {
      throw new OAuthError("invalid_client", "This client is public and has no secret");
    }
    return client;
  }
  if (method === "none" || !(await auth.clients.verifySecret(client, secret ?? ""))) {
    throw new OAuthError("invalid_client", "Client authentication failed");
  }
  return client;
}

function decodeBasic(value: string): { id: string; secret: string } | null {
  try {
    const text = new TextDecoder().decode(Uint8Array.fromBase64(value.trim()));
    const colon = text.indexOf(":");
    if (colon < 1) return null;
    return {
      id: decodeURIComponent(text.slice(0, colon)),
      secret: decodeURIComponent(text.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}
