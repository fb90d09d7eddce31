import type { VNode } from "preact";
import { Layout } from "./Layout.tsx";

/** Toolsets a client can be given, in display order; `debug` is off unless chosen. */
export const CONSENT_TOOLSETS: readonly { id: string; label: string; default: boolean }[] = [
  { id: "instances", label: "Instances and workspaces", default: true },
  { id: "tables", label: "Tables", default: true },
  { id: "schema", label: "Table schema", default: true },
  { id: "records", label: "Records", default: true },
  { id: "apis", label: "API groups and endpoints", default: true },
  { id: "code", label: "XanoScript and SDK code", default: true },
  { id: "templates", label: "Templates", default: true },
  { id: "ops", label: "Operations (deploys, logs)", default: true },
  { id: "debug", label: "Debugging tools", default: false },
];

/** What the consent page shows. */
export interface ConsentPageProps {
  readonly requestId: string;
  readonly csrf: string;
  readonly clientName: string;
  readonly redirectHost: string;
  /** True when every redirect URI of the client is on this machine (loopback). */
  readonly loopbackOnly: boolean;
  readonly userName: string;
  readonly scopes: readonly string[];
  readonly error?: string;
}

/** Asks the signed-in user what the client may do. */
export function ConsentPage(props: ConsentPageProps): VNode {
  return (
    <Layout title="Allow access">
      <h1>{`Allow "${props.clientName}" to use your Xano workspace?`}</h1>
      <p>
        {`Signed in as ${props.userName}. After you decide you will be sent to ${props.redirectHost}.`}
      </p>
      {props.loopbackOnly
        ? (
          <p>
            This client runs on your own computer (it redirects to a local address). Only continue
            if you started it.
          </p>
        )
        : null}
      {props.error ? <p role="alert">{props.error}</p> : null}
      <p>{`Requested access: ${props.scopes.join(", ")}`}</p>
      <form method="post" action="/consent">
        <input type="hidden" name="request" value={props.requestId} />
        <input type="hidden" name="csrf" value={props.csrf} />
        <p>
          <input id="read_only" name="read_only" type="checkbox" value="on" />
          <label for="read_only">Read-only: the client can look but not change anything</label>
        </p>
        <fieldset>
          <legend>Toolsets</legend>
          {CONSENT_TOOLSETS.map((toolset) => (
            <p key={toolset.id}>
              <input
                id={`toolset_${toolset.id}`}
                name="toolsets"
                type="checkbox"
                value={toolset.id}
                checked={toolset.default}
              />
              <label for={`toolset_${toolset.id}`}>{toolset.label}</label>
            </p>
          ))}
        </fieldset>
        <p>
          <label for="workspace_id">
            Workspace id (optional: limit the client to one workspace)
          </label>
          <input
            id="workspace_id"
            name="workspace_id"
            type="number"
            min="1"
            step="1"
            inputmode="numeric"
          />
        </p>
        <button type="submit" name="decision" value="approve">Allow</button>
        <button type="submit" name="decision" value="deny">Deny</button>
      </form>
    </Layout>
  );
}
