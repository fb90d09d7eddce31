import type { VNode } from "preact";
import { Csrf, Flash, Layout, PageHeader } from "../../components/Layout.tsx";
import type { Assets } from "../../lib/web/assets.ts";
import type { DashboardSession, DeployOutcome } from "../../lib/web/deps.ts";
import { Island } from "../../lib/web/island.tsx";

/** The code the playground starts with. */
export const SAMPLE_CODE = `// One endpoint: GET a product by id, 404 when it does not exist
const endpoint = create('get-product', 'GET')
  .description('Returns one product')
  .input('id', 'int', { required: true })
  .dbGet('product', { id: '$input.id' }, 'product')
  .precondition('$product != null', 'Product not found', 'notfound')
  .response('$product');

return endpoint.build().script;
`;

/** Props of {@link PlaygroundPage}. */
export interface PlaygroundPageProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session: DashboardSession;
  readonly code: string;
  readonly canDeploy: boolean;
  readonly deployed?: DeployOutcome;
}

/** `/dashboard/playground`: SDK code → XanoScript as you type, and deploy. */
export default function PlaygroundPage(props: PlaygroundPageProps): VNode {
  return (
    <Layout title="Playground" active="/dashboard/playground" {...props}>
      <PageHeader
        title="Compiler playground"
        lead="Write SDK code on the left; the XanoScript it compiles to appears on the right as you type. The code is parsed, never run."
      />
      {props.deployed && (
        <Flash kind={props.deployed.ok ? "ok" : "error"}>
          {props.deployed.message}
          {props.deployed.endpointUrl && (
            <>
              {" "}
              <code>{props.deployed.endpointUrl}</code>
            </>
          )}
        </Flash>
      )}
      <form method="post" action="/dashboard/playground/deploy" class="playground-form">
        <Csrf token={props.session.csrfToken} />
        <Island name="Playground" props={{ initialCode: props.code }} />
        <div class="actions">
          <button type="submit" class="button" disabled={!props.canDeploy}>
            Deploy to Xano
          </button>
          {!props.canDeploy && (
            <span class="help">Deploying is not available on this server yet.</span>
          )}
        </div>
      </form>
    </Layout>
  );
}
