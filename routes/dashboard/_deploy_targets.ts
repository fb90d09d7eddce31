import { AppError } from "../../lib/errors.ts";
import type { DeployTarget, WebDeps } from "../../lib/web/deps.ts";

/** The playground's deploy targets, or why they could not be listed. */
export async function deployTargets(
  deps: WebDeps,
  userId: string,
): Promise<{ targets?: readonly DeployTarget[]; targetsError?: string }> {
  if (!deps.deploy) return {};
  try {
    const targets = await deps.deploy.targets(userId);
    return targets.length ? { targets } : { targets, targetsError: "no workspace was found" };
  } catch (error) {
    if (error instanceof AppError) return { targets: [], targetsError: error.message };
    deps.logger.warn("listing deploy targets failed", { error: String(error) });
    return { targets: [], targetsError: "Xano did not answer; try again in a moment" };
  }
}
