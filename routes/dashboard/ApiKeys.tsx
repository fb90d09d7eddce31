import type { VNode } from "preact";
import { Csrf, Flash, Layout, PageHeader, Time } from "../../components/Layout.tsx";
import { ALL_SCOPES, type Scope } from "../../lib/auth/types.ts";
import type { Assets } from "../../lib/web/assets.ts";
import type { ApiKeyView, DashboardSession } from "../../lib/web/deps.ts";
import { Island } from "../../lib/web/island.tsx";

/** Expiry choices of the create form: value → [label, days]. */
export const EXPIRY_CHOICES: Readonly<Record<string, readonly [string, number]>> = {
  "7d": ["7 days", 7],
  "30d": ["30 days", 30],
  "90d": ["90 days", 90],
  "365d": ["1 year", 365],
};

const SCOPE_HELP: Readonly<Record<Scope, string>> = {
  "xano:read": "Read workspaces, tables, records and endpoints",
  "xano:write": "Create and change tables and records",
  "xano:deploy": "Deploy XanoScript and SDK code",
  "xano:admin": "Debug tools and destructive bulk operations",
};

/** Props of {@link ApiKeys}. */
export interface ApiKeysProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session: DashboardSession;
  readonly keys: readonly ApiKeyView[];
  readonly now: number;
  /** The key just created: its secret is shown this once. */
  readonly created?: { readonly key: ApiKeyView; readonly secret: string };
  readonly flash?: { readonly kind: "ok" | "error"; readonly text: string };
  /** Form values to keep after a validation error. */
  readonly form?: { readonly name?: string; readonly scopes?: readonly string[] };
}

/** `/dashboard/api-keys`: create (shown once) and revoke personal API keys. */
export default function ApiKeys(props: ApiKeysProps): VNode {
  const chosen = new Set(props.form?.scopes ?? ["xano:read"]);
  return (
    <Layout title="API keys" active="/dashboard/api-keys" {...props}>
      <PageHeader
        title="API keys"
        lead="Keys work as bearer tokens on the MCP endpoint, for CLIs, CI and the MCP Inspector."
      />
      {props.flash && <Flash kind={props.flash.kind}>{props.flash.text}</Flash>}
      {props.created && (
        <section class="card new-key" aria-labelledby="new-key-heading">
          <h2 id="new-key-heading">Key “{props.created.key.name}” created</h2>
          <p>
            <strong>Copy it now.</strong> It is stored only as a hash and will not be shown again.
          </p>
          <div class="url-row">
            <label for="new-key" class="visually-hidden">New API key</label>
            <input id="new-key" class="mono" type="text" readonly value={props.created.secret} />
            <Island name="CopyButton" props={{ text: props.created.secret, label: "Copy key" }} />
          </div>
        </section>
      )}
      <section class="card" aria-labelledby="create-heading">
        <h2 id="create-heading">Create a key</h2>
        <form method="post" action="/dashboard/api-keys" class="stack">
          <Csrf token={props.session.csrfToken} />
          <div class="field">
            <label for="key-name">Name</label>
            <input
              id="key-name"
              name="name"
              type="text"
              required
              maxLength={64}
              placeholder="CI deploys"
              value={props.form?.name}
            />
          </div>
          <fieldset class="field">
            <legend>Scopes</legend>
            {ALL_SCOPES.map((scope) => (
              <label key={scope} class="check">
                <input type="checkbox" name="scopes" value={scope} checked={chosen.has(scope)} />
                <code>{scope}</code> <span class="muted">{SCOPE_HELP[scope]}</span>
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="key-expiry">Expires after</label>
            <select id="key-expiry" name="expiry">
              {Object.entries(EXPIRY_CHOICES).map(([value, [label]]) => (
                <option key={value} value={value} selected={value === "90d"}>{label}</option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">Create key</button>
        </form>
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Your keys</h2>
        {props.keys.length === 0
          ? <p class="empty">You have no API keys.</p>
          : (
            <div class="table-wrap">
              <table class="list">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Created</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Last used</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {props.keys.map((k) => (
                    <tr key={k.id}>
                      <th scope="row">
                        {k.name} {k.hint && <code class="muted">…{k.hint}</code>}
                      </th>
                      <td>{k.scopes.map((s) => <code key={s} class="chip">{s}</code>)}</td>
                      <td>
                        <Time at={k.createdAt} />
                      </td>
                      <td>
                        {k.expiresAt === null
                          ? <span class="muted">never</span>
                          : k.expiresAt <= props.now
                          ? <span class="badge error">expired</span>
                          : <Time at={k.expiresAt} />}
                      </td>
                      <td>
                        <Time at={k.lastUsedAt} />
                      </td>
                      <td>
                        <form
                          method="post"
                          action={`/dashboard/api-keys/${encodeURIComponent(k.id)}/revoke`}
                        >
                          <Csrf token={props.session.csrfToken} />
                          <button
                            type="submit"
                            class="button danger small"
                            aria-label={`Revoke key ${k.name}`}
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
      </section>
    </Layout>
  );
}
