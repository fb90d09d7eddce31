import type { VNode } from "preact";
import { Layout } from "../components/Layout.tsx";
import type { Assets } from "../lib/web/assets.ts";
import type { DashboardSession } from "../lib/web/deps.ts";

/** Props of {@link Landing}. */
export interface LandingProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session: DashboardSession | null;
  readonly mcpUrl: string;
}

/** `/`: what the product does, and how to start. */
export default function Landing(props: LandingProps): VNode {
  return (
    <Layout title="Let AI build your Xano backend" {...props}>
      <section class="hero">
        <h1>Let your AI assistant build and run your Xano backend, safely</h1>
        <p class="lead">
          Xano MCP connects Claude, ChatGPT, Cursor and VS Code to Xano. Paste one URL into your
          assistant, sign in with your Xano account, and it can design tables, work with records,
          and write API endpoints that are checked against Xano’s own grammar before they are
          deployed.
        </p>
        <p class="actions">
          {props.session
            ? <a class="button" href="/dashboard">Open your dashboard</a>
            : <a class="button" href="/login">Sign in to get started</a>}
          <a class="button ghost" href="/dashboard/docs">Read the docs</a>
        </p>
        {props.sandbox && (
          <p class="callout">
            This server runs in{" "}
            <strong>sandbox mode</strong>: a local sandbox that speaks Xano’s Metadata API stands in
            for Xano, so you can try everything without an account. Sign in with the demo account
            shown on the sign-in page.
          </p>
        )}
      </section>
      <section class="features" aria-labelledby="how">
        <h2 id="how">How it works</h2>
        <ol class="cards">
          <li class="card">
            <h3>Connect in a minute</h3>
            <p>
              Add <code>{props.mcpUrl}</code>{" "}
              to your assistant. It signs in through your browser with OAuth: no secrets to paste.
            </p>
          </li>
          <li class="card">
            <h3>Stay in control</h3>
            <p>
              Choose read-only access or a subset of tools per client. Anything destructive asks for
              confirmation first, and you can revoke a client at any time.
            </p>
          </li>
          <li class="card">
            <h3>Code that deploys</h3>
            <p>
              Your assistant writes endpoints in a small JavaScript SDK. The server compiles it to
              XanoScript, repairs common mistakes, and validates it before anything reaches Xano.
            </p>
          </li>
          <li class="card">
            <h3>See what happened</h3>
            <p>
              Every tool call is logged with its outcome and duration, secrets redacted. Usage
              charts show errors, latency and deploy success over time.
            </p>
          </li>
        </ol>
      </section>
    </Layout>
  );
}
