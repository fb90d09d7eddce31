import type { Context } from "hono";
import type { DashboardSession, WebDeps } from "../../lib/web/deps.ts";
import { renderPage } from "../../lib/web/render.ts";
import { chrome, mcpUrl } from "../_shared.ts";
import Overview from "./Overview.tsx";

/** Renders the overview, optionally with a flash message (after "refresh now"). */
export async function renderOverview(
  c: Context,
  deps: WebDeps,
  session: DashboardSession,
  options: { flash?: { kind: "ok" | "error"; text: string }; status?: number } = {},
): Promise<Response> {
  const [xano, recent] = await Promise.all([
    deps.xano ? deps.xano.status(session.user.id) : Promise.resolve(undefined),
    deps.audit.query(session.user.id, { limit: 5 }),
  ]);
  return renderPage(
    c,
    <Overview
      {...chrome(deps)}
      session={session}
      mcpUrl={mcpUrl(deps)}
      xano={xano}
      recent={recent.records}
      {...(options.flash ? { flash: options.flash } : {})}
    />,
    { status: options.status ?? 200 },
  );
}
