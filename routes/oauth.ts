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
import { clientInformation } from "../lib/auth/clients.ts";
import { authorizationServerMetadata, protectedResourceMetadata } from "../lib/auth/metadata.ts";
import { OAuthError } from "../lib/auth/oauth_error.ts";
import type { AuthServer } from "../lib/auth/server.ts";
import { clientIp } from "../lib/http/client_ip.ts";
import { renderPage } from "./render.tsx";
import { MessagePage } from "./MessagePage.tsx";
import {
  authenticateClient,
  MAX_BODY,
  NO_STORE,
  oauthJson,
  parseScopes,
  readForm,
  readJson,
  required,
} from "./_oauth_requests.ts";

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
        await auth.clients.activate(client);
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
