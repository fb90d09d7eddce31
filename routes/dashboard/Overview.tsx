import type { VNode } from "preact";
import { Csrf, Flash, Layout, PageHeader, Time } from "../../components/Layout.tsx";
import { SetupGuides } from "../../components/SetupGuides.tsx";
import type { AuditRecord } from "../../lib/kv/audit.ts";
import type { Assets } from "../../lib/web/assets.ts";
import type { DashboardSession, XanoConnectionView } from "../../lib/web/deps.ts";
import { Island } from "../../lib/web/island.tsx";

/** Props of {@link Overview}. */
export interface OverviewProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session: DashboardSession;
  readonly mcpUrl: string;
  /** `null`: no credential stored; `undefined`: this server cannot report it. */
  readonly xano: XanoConnectionView | null | undefined;
  readonly recent: readonly AuditRecord[];
  readonly flash?: { readonly kind: "ok" | "error"; readonly text: string };
}

const STATE_TEXT = {
  ok: "Connected",
  expired: "Token expired: refresh it now",
  needs_sign_in: "Needs sign-in again",
} as const;

/** `/dashboard`: Xano connection, the MCP URL, client setup and recent activity. */
export default function Overview(props: OverviewProps): VNode {
  const { xano } = props;
  return (
    <Layout title="Overview" active="/dashboard" {...props}>
      <PageHeader title={`Welcome, ${props.session.user.name}`} />
      {props.flash && <Flash kind={props.flash.kind}>{props.flash.text}</Flash>}
      <div class="grid-2">
        <section class="card" aria-labelledby="mcp-heading">
          <h2 id="mcp-heading">Your MCP URL</h2>
          <p>Paste this into your assistant. It will ask you to sign in the first time.</p>
          <div class="url-row">
            <label for="mcp-url" class="visually-hidden">MCP URL</label>
            <input id="mcp-url" class="mono" type="text" readonly value={props.mcpUrl} />
            <Island name="CopyButton" props={{ text: props.mcpUrl, label: "Copy URL" }} />
          </div>
        </section>
        <section class="card" aria-labelledby="xano-heading">
          <h2 id="xano-heading">Xano connection</h2>
          {xano
            ? (
              <>
                <p>
                  <span class={`badge ${xano.state === "ok" ? "ok" : "warn"}`}>
                    {STATE_TEXT[xano.state]}
                  </span>
                </p>
                <dl class="facts">
                  <dt>Instance</dt>
                  <dd class="mono">{xano.instance}</dd>
                  {xano.workspace && (
                    <>
                      <dt>Workspace</dt>
                      <dd>{xano.workspace}</dd>
                    </>
                  )}
                  <dt>Signed in with</dt>
                  <dd>
                    {xano.kind === "account"
                      ? (xano.email ?? "Xano account")
                      : "Metadata API token"}
                  </dd>
                  <dt>Token obtained</dt>
                  <dd>
                    <Time at={xano.obtainedAt} />
                  </dd>
                  {xano.expiresAt !== undefined && (
                    <>
                      <dt>Token expires</dt>
                      <dd>
                        <Time at={xano.expiresAt} />
                      </dd>
                    </>
                  )}
                </dl>
                <form method="post" action="/dashboard/xano/refresh">
                  <Csrf token={props.session.csrfToken} />
                  <button type="submit" class="button small">Refresh now</button>
                </form>
              </>
            )
            : xano === undefined
            ? (
              <p class="muted">
                This server cannot report the state of your Xano credential yet. Tool calls use the
                credential you signed in with.
              </p>
            )
            : (
              <p>
                No Xano credential is stored for you. <a href="/login">Sign in again</a>{" "}
                to connect your Xano account.
              </p>
            )}
        </section>
      </div>
      <section aria-labelledby="setup-heading">
        <h2 id="setup-heading">Connect your assistant</h2>
        <SetupGuides mcpUrl={props.mcpUrl} />
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent activity</h2>
        {props.recent.length === 0
          ? <p class="muted">No tool calls yet. Once an assistant uses a tool, it shows up here.</p>
          : (
            <ul class="recent">
              {props.recent.map((r) => (
                <li key={r.id}>
                  <span class={`badge ${r.outcome === "ok" ? "ok" : "error"}`}>{r.outcome}</span>
                  {" "}
                  <code>{r.tool}</code> by {r.clientName} · <Time at={r.at} />
                </li>
              ))}
            </ul>
          )}
        <p>
          <a href="/dashboard/events">All events →</a>
        </p>
      </section>
    </Layout>
  );
}
