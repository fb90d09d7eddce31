/**
 * What the two entry points (`main.ts` and `sandbox.ts`) do alike on start:
 * load the configuration or exit with its message, make the KV file's folder,
 * and describe the local Xano sandbox in the start-up log.
 *
 * @module
 */

import { type Config, ConfigError, type EnvReader, loadConfig } from "./config.ts";

/** The configuration from `env`; on a configuration error prints it and exits with status 2. */
export function loadConfigOrExit(env: EnvReader): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      Deno.exit(2);
    }
    throw error;
  }
}

/** Creates the folder of a KV file path (not for `:memory:` or a KV Connect URL). */
export async function ensureKvDir(kvPath: string): Promise<void> {
  if (kvPath === ":memory:" || kvPath.includes("://")) return;
  const dir = kvPath.replace(/\/[^/]*$/, "");
  if (dir && dir !== kvPath) await Deno.mkdir(dir, { recursive: true });
}

/** Log fields that tell a developer how to reach and sign in to the sandbox. */
export function sandboxLogFields(
  config: Config,
  urls: { readonly meta: string; readonly auth: string },
): Record<string, unknown> {
  return {
    metaApi: urls.meta,
    authApi: urls.auth,
    demoEmail: config.sandbox.demoEmail,
    // The demo password is public knowledge in development only.
    ...(config.env === "development"
      ? { demoSignIn: `${config.sandbox.demoEmail} / ${config.sandbox.demoPassword}` }
      : {}),
    faults: config.sandbox.faults || "none",
  };
}
