import type { VNode } from "preact";
import { Layout, PageHeader } from "../components/Layout.tsx";
import type { Assets } from "../lib/web/assets.ts";
import type { DashboardSession } from "../lib/web/deps.ts";

/** `GET /logout`: a confirmation form (signing out is a POST with a CSRF token). */
export default function Logout(
  props: { readonly assets: Assets; readonly sandbox: boolean; readonly session: DashboardSession },
): VNode {
  return (
    <Layout title="Sign out" {...props}>
      <div class="narrow">
        <PageHeader
          title="Sign out"
          lead="Connected assistants keep their access until you revoke them."
        />
        <form method="post" action="/logout">
          <input type="hidden" name="csrf" value={props.session.csrfToken} />
          <button type="submit" class="button">Sign out</button>
        </form>
      </div>
    </Layout>
  );
}
