import type { VNode } from "preact";
import { Csrf, Flash, Layout, PageHeader } from "../../components/Layout.tsx";
import type { Assets } from "../../lib/web/assets.ts";
import type { DashboardSession, DeployOutcome, DeployTarget } from "../../lib/web/deps.ts";
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
  /** Where the code can go; empty with `targetsError` when Xano could not be listed. */
  readonly targets?: readonly DeployTarget[];
  readonly targetsError?: string;
  /** The chosen target, `workspaceId:apiGroupId` (group may be empty). */
  readonly target?: string;
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
        <div class="actions deploy-row">
          {props.canDeploy && (props.targets?.length ?? 0) > 0 && (
            <div class="field">
              <label for="deploy-target">Deploy to</label>
              <select id="deploy-target" name="target">
                {props.targets!.map((ws) => (
                  <optgroup key={ws.workspaceId} label={ws.workspaceName}>
                    {ws.apiGroups.map((group) => {
                      const value = `${ws.workspaceId}:${group.id}`;
                      return (
                        <option key={value} value={value} selected={value === props.target}>
                          {`${group.name} (API group ${group.id})`}
                        </option>
                      );
                    })}
                    <option
                      value={`${ws.workspaceId}:`}
                      selected={`${ws.workspaceId}:` === props.target}
                    >
                      {`${ws.workspaceName}: functions, tasks, tables`}
                    </option>
                  </optgroup>
                ))}
              </select>
            </div>
          )}
          <button
            type="submit"
            class="button"
            disabled={!props.canDeploy || !props.targets?.length}
          >
            Deploy to Xano
          </button>
          {!props.canDeploy && (
            <span class="help">Deploying is not available on this server yet.</span>
          )}
          {props.canDeploy && props.targetsError && (
            <span class="help">{`Cannot list your workspaces: ${props.targetsError}`}</span>
          )}
        </div>
      </form>
    </Layout>
  );
}
