import type { Context } from "hono";
import type { DashboardSession, WebDeps } from "../../lib/web/deps.ts";
import { renderPage } from "../../lib/web/render.ts";
import { chrome } from "../_shared.ts";
import ApiKeys, { type ApiKeysProps } from "./ApiKeys.tsx";

/** Renders the API keys page with the user's keys, plus what the action has to show. */
export async function renderApiKeys(
  c: Context,
  deps: WebDeps,
  session: DashboardSession,
  options: Pick<ApiKeysProps, "created" | "flash" | "form"> & { status?: number } = {},
): Promise<Response> {
  const { status, ...shown } = options;
  const keys = await deps.apiKeys.list(session.user.id);
  return renderPage(
    c,
    <ApiKeys {...chrome(deps)} session={session} keys={keys} now={deps.clock.now()} {...shown} />,
    { status: status ?? 200 },
  );
}
