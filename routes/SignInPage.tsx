import type { VNode } from "preact";
import { Layout } from "./Layout.tsx";

/** What the sign-in page shows. */
export interface SignInPageProps {
  readonly requestId: string;
  readonly csrf: string;
  /** The MCP client asking for access, when this sign-in is part of an authorization. */
  readonly clientName?: string;
  readonly error?: string;
  readonly email?: string;
  readonly metaUrl?: string;
  /** True when the local sandbox stands in for Xano (shows the demo account). */
  readonly sandbox?: { email: string; password: string };
  /** False when no auth API is configured: only the token form is offered. */
  readonly accountSignIn?: boolean;
}

/** Sign in with a Xano account, or with a Metadata API token and instance URL. */
export function SignInPage(props: SignInPageProps): VNode {
  return (
    <Layout title="Sign in">
      <h1>Sign in to Xano MCP</h1>
      {props.clientName ? <p>{`"${props.clientName}" wants to use your Xano workspace.`}</p> : null}
      {props.error ? <p role="alert" id="signin-error">{props.error}</p> : null}
      {props.sandbox
        ? (
          <p>
            {`This server runs against the local Xano sandbox (a test double, not real Xano). Demo account: ${props.sandbox.email} / ${props.sandbox.password}`}
          </p>
        )
        : null}

      {props.accountSignIn === false
        ? null
        : (
          <form method="post" action="/signin" aria-labelledby="account-heading">
            <h2 id="account-heading">Xano account</h2>
            <input type="hidden" name="request" value={props.requestId} />
            <input type="hidden" name="csrf" value={props.csrf} />
            <input type="hidden" name="method" value="password" />
            <p>
              <label for="email">Email</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="username"
                required
                value={props.email ?? ""}
              />
            </p>
            <p>
              <label for="password">Password</label>
              <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
              />
            </p>
            <button type="submit">Sign in with Xano account</button>
          </form>
        )}

      <form method="post" action="/signin" aria-labelledby="token-heading">
        <h2 id="token-heading">Metadata API token</h2>
        <input type="hidden" name="request" value={props.requestId} />
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="method" value="token" />
        <p>
          <label for="meta_url">Instance URL</label>
          <input
            id="meta_url"
            name="meta_url"
            type="url"
            placeholder="https://x1a2-b3c4.n7.xano.io"
            required
            value={props.metaUrl ?? ""}
            aria-describedby="meta_url_help"
          />
          <small id="meta_url_help">
            The instance origin, or its full Metadata API URL ending in /api:meta.
          </small>
        </p>
        <p>
          <label for="meta_token">Metadata API token</label>
          <input id="meta_token" name="meta_token" type="password" autocomplete="off" required />
        </p>
        <button type="submit">Sign in with token</button>
      </form>
    </Layout>
  );
}
