import type { ComponentChildren, VNode } from "preact";

/** The HTML shell of the sign-in and consent pages: no scripts, no inline styles. */
export function Layout(props: { title: string; children: ComponentChildren }): VNode {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · Xano MCP`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <main class="auth-page">{props.children}</main>
      </body>
    </html>
  );
}
