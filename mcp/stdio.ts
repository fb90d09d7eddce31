/**
 * `deno task stdio`: the same Xano tools, resources and prompts over stdio for
 * local MCP clients. Credentials come from `XANO_META_URL` + `XANO_META_TOKEN`;
 * without them an in-process Xano sandbox stands in (labelled as such).
 * Flags: `--read-only`, `--toolsets=tables,records`, `--workspace=<id>`.
 * stdout carries the protocol; logs go to stderr.
 *
 * @module
 */

import { systemClock } from "../lib/clock.ts";
import { type Config, loadConfig } from "../lib/config.ts";
import { createSealer } from "../lib/crypto.ts";
import { createLogger, type Logger } from "../lib/log.ts";
import { createSandbox } from "../lib/sandbox/mod.ts";
import { createXanoRuntime } from "../lib/xano/mod.ts";
import { compileSdkCode } from "../lib/xs/sdk/mod.ts";
import { createConfirmationStore } from "./confirmation.ts";
import { parseToolsets } from "./inventory.ts";
import { registerPrompts } from "./prompts.ts";
import { registerResources } from "./resources.ts";
import { type McpServer, StdioServerTransport } from "./sdk.ts";
import { createMcpServer } from "./server.ts";
import type { XanoToolDeps } from "./tools/_shared.ts";
import { classifyToolError } from "./tools/errors.ts";
import { XANO_TOOLS } from "./tools/mod.ts";

/** Command-line options of the stdio server. */
export interface StdioOptions {
  readonly readOnly: boolean;
  readonly toolsets?: readonly string[];
  readonly workspaceId?: number;
}

/** Parses `--read-only`, `--toolsets=a,b` and `--workspace=N`; throws naming a bad flag. */
export function parseStdioArgs(args: readonly string[]): StdioOptions {
  let readOnly = false;
  let toolsets: string[] | undefined;
  let workspaceId: number | undefined;
  for (const arg of args) {
    const [flag, value] = arg.split("=", 2);
    if (flag === "--read-only") readOnly = true;
    else if (flag === "--toolsets" && value !== undefined) {
      const parsed = parseToolsets(value);
      if (!parsed.ok) {
        throw new TypeError(`Unknown toolset ${parsed.unknown.join(", ")} in --toolsets`);
      }
      toolsets = parsed.toolsets;
    } else if (flag === "--workspace" && /^\d+$/.test(value ?? "")) workspaceId = Number(value);
    else {throw new TypeError(
        `Unknown flag "${arg}"; use --read-only, --toolsets=a,b, --workspace=N`,
      );}
  }
  return { readOnly, toolsets, workspaceId };
}

/** Builds the stdio server: real Xano when configured, else the sandbox. */
export async function createStdioServer(
  config: Config,
  options: StdioOptions,
  logger: Logger,
): Promise<{ server: McpServer; kv: Deno.Kv; backend: string }> {
  const kv = await Deno.openKv(":memory:");
  const clock = systemClock;
  let fetcher: (request: Request) => Promise<Response> = (request) => fetch(request);
  let metaUrl = config.xano.metaUrl;
  let metaToken = config.xano.metaToken;
  let backend = `Xano at ${metaUrl}`;
  if (!metaUrl || !metaToken) {
    const sandbox = createSandbox({ clock, logger });
    fetcher = (request) => sandbox.fetch(request);
    metaUrl = sandbox.urls("http://sandbox.local").meta;
    metaToken = await sandbox.issueToken();
    backend =
      "local Xano sandbox (a test double of Xano; set XANO_META_URL and XANO_META_TOKEN for a real instance)";
  }
  const runtime = createXanoRuntime({
    kv,
    sealer: await createSealer(crypto.getRandomValues(new Uint8Array(32))),
    clock,
    fetch: fetcher,
  });
  await runtime.credentials.put("stdio", {
    kind: "token",
    metaUrl,
    metaToken,
    obtainedAt: clock.now(),
  });
  const deps: XanoToolDeps = {
    xano: runtime.clientFor("stdio"),
    workspaceId: options.workspaceId,
    instanceOrigin: () => Promise.resolve(metaUrl!.replace(/\/api:meta\/?$/, "")),
    sdk: { compile: (code, o) => compileSdkCode(code, { fix: o.fix }) },
  };
  const server = createMcpServer({
    tools: XANO_TOOLS,
    deps,
    selection: { readOnly: options.readOnly, toolsets: options.toolsets },
    grantId: "stdio",
    confirmations: createConfirmationStore({ kv, clock }),
    logger,
    classifyError: classifyToolError,
    extensions: [(s) => registerResources(s, deps), registerPrompts],
  });
  return { server, kv, backend };
}

if (import.meta.main) {
  const logger = createLogger({ level: "info", write: (line) => console.error(line) });
  let options: StdioOptions;
  try {
    options = parseStdioArgs(Deno.args);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    Deno.exit(2);
  }
  const { server, backend } = await createStdioServer(loadConfig(Deno.env), options, logger);
  await server.connect(new StdioServerTransport());
  logger.info("xano-mcp stdio server ready", { backend, readOnly: options.readOnly });
}
