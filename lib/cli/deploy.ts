/**
 * `deno task deploy FILE --workspace ID --api-group ID [--dry-run] [--no-fix]`:
 * compiles FILE (SDK JavaScript, or XanoScript when it ends in `.xs`),
 * validates it, shows what will change in the workspace, then creates or
 * updates each object through the Metadata API (`text/x-xanoscript`).
 * Progress and the plan go to standard error, results to standard output.
 * Uses `XANO_META_URL` and `XANO_META_TOKEN`.
 *
 * @module
 */

import { type Config, ConfigError, type EnvReader, loadConfig } from "../config.ts";
import { createXanoClient, type XanoscriptTarget } from "../xano/client.ts";
import { XanoError } from "../xano/errors.ts";
import { formatDiagnostic, isValid } from "../xs/diagnostics.ts";
import { validateXanoScript } from "../xs/mod.ts";
import { compileSdkCode } from "../xs/sdk/mod.ts";
import { readSource } from "./compile.ts";
import {
  type DeployClient,
  type DeployTarget,
  describeStep,
  planDeploy,
  type PlanStep,
} from "./deploy_plan.ts";
import { type CliIo, ioMessage } from "./io.ts";

const USAGE = "Usage: deno task deploy FILE --workspace ID --api-group ID [--dry-run] [--no-fix]\n";

/** What the deploy command needs from the process. */
export interface DeployDeps {
  readonly env: EnvReader;
  readonly fetch: (request: Request) => Promise<Response>;
  /** Builds the client (default: the typed Xano client with the configured token). */
  readonly client?: (config: Config) => DeployClient;
}

interface Args {
  readonly file: string;
  readonly target: DeployTarget;
  readonly dryRun: boolean;
  readonly fix: boolean;
}

function parseArgs(args: string[]): Args | string {
  let file: string | undefined;
  const ids: Record<string, number> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--workspace" || a === "--api-group") {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n <= 0) return `${a} needs a positive integer id`;
      ids[a] = n;
    } else if (a === "--dry-run" || a === "--no-fix") flags.add(a);
    else if (a.startsWith("--")) return `Unknown option ${a}`;
    else if (file === undefined) file = a;
    else return "Pass one FILE";
  }
  if (!file) return "Pass the FILE to deploy";
  if (!ids["--workspace"] || !ids["--api-group"]) return "Pass --workspace ID and --api-group ID";
  return {
    file,
    target: { workspaceId: ids["--workspace"], apiGroupId: ids["--api-group"] },
    dryRun: flags.has("--dry-run"),
    fix: !flags.has("--no-fix"),
  };
}

function defaultClient(fetch: DeployDeps["fetch"]): (config: Config) => DeployClient {
  return (config) =>
    createXanoClient({
      fetch,
      credentials: {
        kind: "token",
        metaUrl: config.xano.metaUrl!,
        metaToken: config.xano.metaToken!,
        obtainedAt: 0,
      },
    });
}

function failure(error: unknown, step: PlanStep | undefined, file: string): string {
  if (error instanceof XanoError) {
    const where = step && error.line !== undefined
      ? `${file}:${error.line + step.lineOffset}:${error.column ?? 1}: `
      : "";
    return `${where}${error.message}${error.nextStep ? ` (${error.nextStep})` : ""}`;
  }
  return ioMessage(error);
}

/** Runs the deploy command. */
export async function run(args: string[], io: CliIo, deps: DeployDeps): Promise<number> {
  if (args.includes("--help")) {
    io.stderr(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.stderr(`${parsed}\n${USAGE}`);
    return 2;
  }
  const read = await readSource(parsed.file, io);
  if ("error" in read) {
    io.stderr(`${read.error}\n`);
    return 1;
  }
  let xanoscript = read.text;
  const diagnostics = [];
  if (/\.xs$/.test(parsed.file)) diagnostics.push(...validateXanoScript(read.text));
  else {
    const compiled = compileSdkCode(read.text, { fix: parsed.fix });
    for (const f of compiled.fixes) {
      io.stderr(`${read.path}:${f.line}: fixed (${f.rule}): ${f.before} -> ${f.after}\n`);
    }
    diagnostics.push(...compiled.diagnostics);
    xanoscript = compiled.xanoscript;
  }
  for (const d of diagnostics) io.stderr(formatDiagnostic(d, read.path) + "\n");
  if (!isValid(diagnostics)) {
    io.stderr("Nothing was deployed: fix the errors above first\n");
    return 1;
  }

  let config: Config;
  try {
    config = loadConfig(deps.env);
  } catch (e) {
    io.stderr(`${e instanceof ConfigError ? e.message : ioMessage(e)}\n`);
    return 1;
  }
  if (!config.xano.metaUrl || !config.xano.metaToken) {
    io.stderr(
      "Set XANO_META_URL (https://<instance>/api:meta) and XANO_META_TOKEN (a Metadata API token) to deploy\n",
    );
    return 1;
  }
  const client = (deps.client ?? defaultClient(deps.fetch))(config);
  const { workspaceId, apiGroupId } = parsed.target;

  io.stderr(
    `Reading workspace ${workspaceId}, API group ${apiGroupId} at ${config.xano.metaUrl}\n`,
  );
  let plan: PlanStep[];
  try {
    plan = await planDeploy(client, parsed.target, xanoscript);
  } catch (e) {
    io.stderr(`Cannot read the workspace: ${failure(e, undefined, read.path)}\n`);
    return 1;
  }
  io.stderr("Plan:\n" + plan.map(describeStep).join("\n") + "\n");
  if (plan.some((s) => s.action === "conflict")) {
    io.stderr(
      "Nothing was deployed: resolve the conflicts above (or pick the matching --api-group)\n",
    );
    return 1;
  }
  const work = plan.filter((s) => s.action === "create" || s.action === "update");
  if (parsed.dryRun) {
    io.stderr(`Dry run: ${work.length} change(s) planned, nothing was changed\n`);
    return 0;
  }
  if (work.length === 0) {
    io.stderr("Nothing to change\n");
    return 0;
  }
  for (const [i, step] of work.entries()) {
    const what = `${step.kind} ${step.name}${step.verb ? ` ${step.verb}` : ""}`;
    io.stderr(
      `[${i + 1}/${work.length}] ${step.action === "create" ? "creating" : "updating"} ${what}\n`,
    );
    const target: XanoscriptTarget = step.kind === "query"
      ? { kind: "api", apiGroupId }
      : { kind: step.kind as "function" | "task" | "table" };
    try {
      const result = step.action === "create"
        ? await client.createFromXanoscript(workspaceId, target, step.source)
        : await client.updateFromXanoscript(workspaceId, { ...target, id: step.id! }, step.source);
      io.stdout(`${step.action === "create" ? "created" : "updated"} ${what} #${result.id}\n`);
    } catch (e) {
      io.stderr(`Failed to ${step.action} ${what}: ${failure(e, step, read.path)}\n`);
      const left = work.length - i - 1;
      io.stderr(
        `Stopped: ${i} of ${work.length} change(s) applied${
          left ? `, ${left} not attempted` : ""
        }\n`,
      );
      return 1;
    }
  }
  io.stderr(`Done: ${work.length} change(s) applied\n`);
  return 0;
}
