/**
 * Form handlers of the dashboard: API keys, connections, Xano refresh and
 * playground deploys. Every one checks origin and CSRF first.
 *
 * @module
 */

import { Hono } from "hono";
import { ALL_SCOPES, type Scope } from "../../lib/auth/types.ts";
import type { WebDeps } from "../../lib/web/deps.ts";
import { renderPage } from "../../lib/web/render.ts";
import { assertFormAllowed, chrome, field, fields, readForm, type WebEnv } from "../_shared.ts";
import { EXPIRY_CHOICES } from "./ApiKeys.tsx";
import { renderApiKeys } from "./_api_keys.tsx";
import { renderOverview } from "./_overview.tsx";
import { deployTargets } from "./_deploy_targets.ts";
import PlaygroundPage from "./PlaygroundPage.tsx";

const MAX_CODE = 64 * 1024;

/** POST routes under `/dashboard`. */
export function actionRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.post("/api-keys", async (c) => {
    const form = await readForm(c);
    assertFormAllowed(c, deps, form);
    const session = c.get("session");
    const name = field(form, "name");
    const scopes = fields(form, "scopes");
    const expiry = EXPIRY_CHOICES[field(form, "expiry")];
    const error = !name || name.length > 64
      ? "Give the key a name of 1 to 64 characters"
      : scopes.length === 0
      ? "Choose at least one scope"
      : !scopes.every((s) => (ALL_SCOPES as readonly string[]).includes(s))
      ? `Unknown scope; choose from ${ALL_SCOPES.join(", ")}`
      : !expiry
      ? "Choose when the key expires"
      : null;
    if (error) {
      return await renderApiKeys(c, deps, session, {
        flash: { kind: "error", text: error },
        form: { name, scopes },
        status: 400,
      });
    }
    const created = await deps.apiKeys.create(session.user.id, {
      name,
      scopes: scopes as Scope[],
      expiresInDays: expiry![1],
    });
    return await renderApiKeys(c, deps, session, { created, status: 201 });
  });

  app.post("/api-keys/:id/revoke", async (c) => {
    const form = await readForm(c);
    assertFormAllowed(c, deps, form);
    const ok = await deps.apiKeys.revoke(c.get("session").user.id, c.req.param("id"));
    return c.redirect(`/dashboard/api-keys?notice=${ok ? "key-revoked" : "key-missing"}`, 303);
  });

  app.post("/connections/:id/revoke", async (c) => {
    const form = await readForm(c);
    assertFormAllowed(c, deps, form);
    const ok = await deps.connections.revoke(c.get("session").user.id, c.req.param("id"));
    return c.redirect(
      `/dashboard/connections?notice=${ok ? "connection-revoked" : "connection-missing"}`,
      303,
    );
  });

  app.post("/xano/refresh", async (c) => {
    const form = await readForm(c);
    assertFormAllowed(c, deps, form);
    const session = c.get("session");
    const result = deps.xano
      ? await deps.xano.refresh(session.user.id)
      : { ok: false, message: "Refreshing the Xano token is not available on this server yet" };
    return await renderOverview(c, deps, session, {
      flash: { kind: result.ok ? "ok" : "error", text: result.message },
      status: result.ok ? 200 : 502,
    });
  });

  app.post("/playground/deploy", async (c) => {
    const form = await readForm(c);
    assertFormAllowed(c, deps, form);
    const session = c.get("session");
    const code = field(form, "code", true);
    const target = field(form, "target");
    const [, ws, group] = /^(\d{1,12}):(\d{0,12})$/.exec(target) ?? [];
    const outcome = !deps.deploy
      ? { ok: false, message: "Deploying is not available on this server yet" }
      : code.trim() === ""
      ? { ok: false, message: "Write some SDK code to deploy" }
      : code.length > MAX_CODE
      ? { ok: false, message: "The code is longer than 64 KB; split it into several endpoints" }
      : ws === undefined
      ? { ok: false, message: "Choose where to deploy: a workspace and API group" }
      : await deps.deploy.deploy(session.user.id, {
        code,
        workspaceId: Number(ws),
        ...(group ? { apiGroupId: Number(group) } : {}),
      });
    return renderPage(
      c,
      <PlaygroundPage
        {...chrome(deps)}
        session={session}
        code={code}
        canDeploy={deps.deploy !== undefined}
        {...await deployTargets(deps, session.user.id)}
        target={target}
        deployed={outcome}
      />,
      { status: outcome.ok ? 200 : 422 },
    );
  });

  return app;
}
