import type { VNode } from "preact";
import { Flash, Layout, PageHeader } from "../components/Layout.tsx";
import type { Assets } from "../lib/web/assets.ts";

/** Props of {@link Login}. */
export interface LoginProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly csrfToken: string;
  readonly error?: string;
  /** Values to keep in the form after a failed attempt (never the password or token). */
  readonly email?: string;
  readonly instanceUrl?: string;
  readonly method?: "account" | "token";
  /** Dashboard path to return to after sign-in. */
  readonly next?: string;
  /** Shown in sandbox mode only. */
  readonly demo?: { readonly email: string; readonly password: string };
}

/** `/login`: sign in with a Xano account or a Metadata API token. */
export default function Login(props: LoginProps): VNode {
  return (
    <Layout title="Sign in" assets={props.assets} sandbox={props.sandbox}>
      <div class="narrow">
        <PageHeader
          title="Sign in"
          lead="Use your Xano account, or a Metadata API token from your Xano instance."
        />
        {props.error && <Flash kind="error">{props.error}</Flash>}
        {props.demo && (
          <p class="callout">
            Sandbox demo account: <code>{props.demo.email}</code> with password{" "}
            <code>{props.demo.password}</code>.
          </p>
        )}
        <section class="card" aria-labelledby="account-heading">
          <h2 id="account-heading">Xano account</h2>
          <form method="post" action="/login" class="stack">
            <input type="hidden" name="csrf" value={props.csrfToken} />
            <input type="hidden" name="method" value="account" />
            {props.next && <input type="hidden" name="next" value={props.next} />}
            <div class="field">
              <label for="email">Email</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="username"
                required
                value={props.method !== "token" ? props.email : undefined}
              />
            </div>
            <div class="field">
              <label for="password">Password</label>
              <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
              />
            </div>
            <button type="submit" class="button">Sign in</button>
          </form>
        </section>
        <section class="card" aria-labelledby="token-heading">
          <details open={props.method === "token"}>
            <summary>
              <h2 id="token-heading" class="inline">Metadata API token</h2>
            </summary>
            <form method="post" action="/login" class="stack">
              <input type="hidden" name="csrf" value={props.csrfToken} />
              <input type="hidden" name="method" value="token" />
              {props.next && <input type="hidden" name="next" value={props.next} />}
              <div class="field">
                <label for="instance">Instance URL</label>
                <input
                  id="instance"
                  name="instance_url"
                  type="url"
                  placeholder="https://x1a2-b3c4.n7.xano.io"
                  required
                  value={props.instanceUrl}
                />
              </div>
              <div class="field">
                <label for="token">Metadata API token</label>
                <input id="token" name="meta_token" type="password" autocomplete="off" required />
                <p class="help">
                  Create one in Xano under Instance settings → Metadata API. It is encrypted at rest
                  and never shown again.
                </p>
              </div>
              <button type="submit" class="button">Sign in with token</button>
            </form>
          </details>
        </section>
      </div>
    </Layout>
  );
}
