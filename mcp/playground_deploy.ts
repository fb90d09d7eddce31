/**
 * Deploys from the dashboard's compiler playground through the same code as
 * the `deploy_sdk_code` tool (compile, repair, validate, push), for the
 * signed-in user's Xano, and records the deploy in the audit log like a tool
 * call from the client "Dashboard playground".
 *
 * @example
 * ```ts
 * const deploy = playgroundDeploy({ xanoFor, sdk, audit });
 * await deploy.deploy(userId, { code, workspaceId: 1, apiGroupId: 2 });
 * ```
 * @module
 */

import type { AuditStore } from "../lib/kv/audit.ts";
import type { DeployPort, DeployTarget } from "../lib/web/deps.ts";
import type { ToolContext } from "./inventory.ts";
import { lazyXano } from "./routes.ts";
import type { SdkCompiler, XanoApi } from "./tools/_shared.ts";
import { deploySdkCode } from "./tools/code.ts";
import { classifyToolError } from "./tools/errors.ts";

/** What {@link playgroundDeploy} needs. */
export interface PlaygroundDeployDeps {
  xanoFor(userId: string): Promise<XanoApi>;
  instanceOrigin?(userId: string): Promise<string | undefined>;
  readonly sdk?: SdkCompiler;
  readonly audit?: AuditStore;
}

const MAX_WORKSPACES = 10;
const QUIET: ToolContext = {
  signal: new AbortController().signal,
  progress: () => Promise.resolve(),
  log: () => Promise.resolve(),
};

/** Builds the playground's {@link DeployPort}. */
export function playgroundDeploy(deps: PlaygroundDeployDeps): DeployPort {
  return {
    async targets(userId) {
      const xano = await deps.xanoFor(userId);
      const workspaces = (await xano.listWorkspaces()).items.slice(0, MAX_WORKSPACES);
      return await Promise.all(workspaces.map(async (ws): Promise<DeployTarget> => ({
        workspaceId: Number(ws.id),
        workspaceName: String(ws.name ?? `Workspace ${ws.id}`),
        apiGroups: (await xano.listApiGroups(Number(ws.id))).items.map((group) => ({
          id: Number(group.id),
          name: String(group.name ?? `API group ${group.id}`),
        })),
      })));
    },

    async deploy(userId, input) {
      const started = performance.now();
      const args = {
        workspace_id: input.workspaceId,
        api_group_id: input.apiGroupId,
        code: input.code,
      };
      let outcome;
      try {
        outcome = await deploySdkCode.handler(args, {
          xano: lazyXano(() => deps.xanoFor(userId)),
          instanceOrigin: () => deps.instanceOrigin?.(userId) ?? Promise.resolve(undefined),
          sdk: deps.sdk,
        }, QUIET);
      } catch (error) {
        outcome = classifyToolError(error);
        if (!outcome) throw error;
      }
      const fixes = outcome.ok ? outcome.data.fixes_applied : [];
      await deps.audit?.record({
        userId,
        clientId: "dashboard",
        clientName: "Dashboard playground",
        tool: deploySdkCode.name,
        args,
        ok: outcome.ok,
        durationMs: performance.now() - started,
        ...(outcome.ok ? {} : { error: outcome.message }),
        deploy: { ok: outcome.ok, autoFixed: fixes.length > 0 },
      });
      if (!outcome.ok) {
        return {
          ok: false,
          message: outcome.nextStep ? `${outcome.message}. ${outcome.nextStep}` : outcome.message,
        };
      }
      const { object, endpoint_url: url } = outcome.data;
      return {
        ok: true,
        message: `Deployed ${object.kind} "${object.name}" (id ${object.id})${
          fixes.length ? ` with ${fixes.length} fix${fixes.length === 1 ? "" : "es"}` : ""
        }`,
        ...(url ? { endpointUrl: url } : {}),
      };
    },
  };
}
