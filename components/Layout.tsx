import type { ComponentChildren, VNode } from "preact";
import type { Assets } from "../lib/web/assets.ts";
import type { DashboardSession } from "../lib/web/deps.ts";

/** Props of {@link Layout}. */
export interface LayoutProps {
  readonly title: string;
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session?: DashboardSession | null;
  /** The current dashboard path, to mark the nav item; omit outside the dashboard. */
  readonly active?: string;
  readonly children: ComponentChildren;
}

const NAV: readonly (readonly [string, string])[] = [
  ["/dashboard", "Overview"],
  ["/dashboard/connections", "Connections"],
  ["/dashboard/api-keys", "API keys"],
  ["/dashboard/usage", "Usage"],
  ["/dashboard/events", "Events"],
  ["/dashboard/playground", "Playground"],
  ["/dashboard/docs", "Docs"],
];

/** The HTML shell of every page: head, header, optional dashboard nav, main, footer. */
export function Layout(props: LayoutProps): VNode {
  const { session, active } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · Xano MCP`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={props.assets.css} />
        {props.assets.js && <script type="module" src={props.assets.js} />}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href={session ? "/dashboard" : "/"}>
              <span class="logo" aria-hidden="true">◆</span> Xano MCP
            </a>
            {session
              ? (
                <form method="post" action="/logout" class="signout">
                  <input type="hidden" name="csrf" value={session.csrfToken} />
                  <span class="who">{session.user.name}</span>
                  <button type="submit" class="button ghost small">Sign out</button>
                </form>
              )
              : <a class="button small" href="/login">Sign in</a>}
          </div>
          {active !== undefined && (
            <nav class="tabs" aria-label="Dashboard">
              <ul>
                {NAV.map(([href, label]) => (
                  <li key={href}>
                    <a href={href} aria-current={href === active ? "page" : undefined}>{label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        {props.sandbox && (
          <p class="sandbox-banner" role="note">
            <strong>Sandbox mode.</strong>{" "}
            A local sandbox stands in for Xano: nothing here touches a real Xano instance.
          </p>
        )}
        <main id="main" tabindex={-1}>{props.children}</main>
        <footer class="site-footer">
          <p>
            Xano MCP · <a href="/dashboard/docs">Docs</a> · <a href="/health/ready">Status</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** Formats an epoch-ms instant as `2026-11-20 14:03 UTC` inside a `<time>` element. */
export function Time({ at }: { readonly at: number | null | undefined }): VNode {
  if (at === null || at === undefined) return <span class="muted">never</span>;
  const iso = new Date(at).toISOString();
  return <time datetime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;
}

/** A page heading with an optional lead paragraph. */
export function PageHeader(
  { title, lead }: { readonly title: string; readonly lead?: ComponentChildren },
): VNode {
  return (
    <div class="page-header">
      <h1>{title}</h1>
      {lead && <p class="lead">{lead}</p>}
    </div>
  );
}

/** A flash message after a form post. */
export function Flash(
  { kind, children }: { readonly kind: "ok" | "error"; readonly children: ComponentChildren },
): VNode {
  return (
    <div class={`flash ${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** The hidden CSRF field of a form. */
export function Csrf({ token }: { readonly token: string }): VNode {
  return <input type="hidden" name="csrf" value={token} />;
}
