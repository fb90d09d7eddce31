import type { VNode } from "preact";
import { Layout, PageHeader } from "../components/Layout.tsx";
import type { Assets } from "../lib/web/assets.ts";

/** A page for errors: the status, a message written for people, and a way on. */
export default function ErrorPage(
  props: {
    readonly assets: Assets;
    readonly sandbox: boolean;
    readonly status: number;
    readonly message: string;
  },
): VNode {
  const title = props.status === 404
    ? "Page not found"
    : props.status >= 500
    ? "Something went wrong"
    : "That did not work";
  return (
    <Layout title={title} assets={props.assets} sandbox={props.sandbox}>
      <div class="narrow">
        <PageHeader title={title} lead={props.message} />
        <p>
          <a class="button" href="/dashboard">Go to the dashboard</a>
        </p>
      </div>
    </Layout>
  );
}
