import type { VNode } from "preact";
import { Csrf, Flash, Layout, PageHeader, Time } from "../../components/Layout.tsx";
import type { Assets } from "../../lib/web/assets.ts";
import type { ConnectionView, DashboardSession } from "../../lib/web/deps.ts";

/** Props of {@link Connections}. */
export interface ConnectionsProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session: DashboardSession;
  readonly connections: readonly ConnectionView[];
  readonly flash?: { readonly kind: "ok" | "error"; readonly text: string };
}

/** `/dashboard/connections`: OAuth clients with access, with revoke. */
export default function Connections(props: ConnectionsProps): VNode {
  return (
    <Layout title="Connections" active="/dashboard/connections" {...props}>
      <PageHeader
        title="Connections"
        lead="Assistants you have allowed to use your Xano. Revoking one signs it out at once."
      />
      {props.flash && <Flash kind={props.flash.kind}>{props.flash.text}</Flash>}
      {props.connections.length === 0
        ? (
          <p class="empty">
            No assistant is connected yet. <a href="/dashboard">Connect one from the overview</a>.
          </p>
        )
        : (
          <div class="table-wrap">
            <table class="list">
              <caption class="visually-hidden">Connected clients</caption>
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Redirect host</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Access</th>
                  <th scope="col">Toolsets</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.connections.map((c) => (
                  <tr key={c.grantId}>
                    <th scope="row">{c.clientName}</th>
                    <td class="mono">{c.redirectHost}</td>
                    <td>{c.scopes.map((s) => <code key={s} class="chip">{s}</code>)}</td>
                    <td>
                      {c.readOnly
                        ? <span class="badge ok">read-only</span>
                        : <span class="badge warn">read &amp; write</span>}
                    </td>
                    <td>
                      {c.toolsets ? c.toolsets.join(", ") : <span class="muted">defaults</span>}
                    </td>
                    <td>
                      <Time at={c.createdAt} />
                    </td>
                    <td>
                      <Time at={c.lastUsedAt} />
                    </td>
                    <td>
                      <form
                        method="post"
                        action={`/dashboard/connections/${encodeURIComponent(c.grantId)}/revoke`}
                      >
                        <Csrf token={props.session.csrfToken} />
                        <button
                          type="submit"
                          class="button danger small"
                          aria-label={`Revoke ${c.clientName}`}
                        >
                          Revoke
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </Layout>
  );
}
