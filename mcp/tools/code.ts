/**
 * Toolset "code": compile SDK code to XanoScript, validate XanoScript, and
 * deploy either through the Metadata API. Deploy results carry the endpoint
 * URL, the XanoScript length and a short preview, the fixes applied, an
 * estimate of tokens saved against writing XanoScript by hand, and timings.
 *
 * @module
 */

import { z } from "zod";
import { isValid, summarizeXanoScript, validateXanoScript } from "../../lib/xs/mod.ts";
import { defineTool } from "../inventory.ts";
import { estimateTokens, fail, ok, type ToolFailure, type ToolOk } from "../result.ts";
import {
  numericId,
  READ,
  resolveWorkspace,
  workspaceArg,
  WRITE,
  type XanoscriptKind,
  type XanoToolDeps,
} from "./_shared.ts";

const PREVIEW = 200;
const codeArg = z.string().min(1).max(100_000);
const previewArg = z.number().int().min(0).max(20_000).optional().describe(
  `Characters of generated XanoScript to return (default ${PREVIEW})`,
);
const groupArg = z.number().int().positive().optional().describe(
  "API group id (from xano_list_api_groups); required for endpoints",
);
const diagnosticOutput = z.object({
  line: z.number(),
  column: z.number(),
  severity: z.string(),
  message: z.string(),
  fix: z.string().optional(),
});
const fixOutput = z.object({ rule: z.string(), line: z.number() });

const deployOutput = {
  object: z.object({
    kind: z.string(),
    name: z.string(),
    id: z.number(),
    verb: z.string().optional(),
  }),
  endpoint_url: z.string().nullable(),
  xanoscript_length: z.number(),
  xanoscript_preview: z.string(),
  fixes_applied: z.array(fixOutput),
  estimated_tokens_saved: z.number(),
  timings_ms: z.record(z.string(), z.number()),
};
/** What a deploy returns. */
export type DeployResult = z.infer<z.ZodObject<typeof deployOutput>>;

const KIND: Record<string, XanoscriptKind> = {
  query: "api",
  function: "function",
  task: "task",
  table: "table",
  api_group: "api_group",
};

function diagnosticsText(diagnostics: readonly z.infer<typeof diagnosticOutput>[]): string {
  return diagnostics.slice(0, 20).map((d) =>
    `${d.line}:${d.column} ${d.severity}: ${d.message}${d.fix ? ` (fix: ${d.fix})` : ""}`
  ).join("\n");
}

function compactDiagnostics(diagnostics: readonly z.infer<typeof diagnosticOutput>[]) {
  return diagnostics.slice(0, 50).map((d) => ({
    line: d.line,
    column: d.column,
    severity: d.severity,
    message: d.message,
    ...(d.fix ? { fix: d.fix } : {}),
  }));
}

function preview(text: string, chars: number | undefined): string {
  const max = chars ?? PREVIEW;
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Input of {@link deploy}. */
export interface DeployInput {
  readonly workspace: number;
  readonly source: string;
  readonly apiGroupId?: number;
  readonly objectId?: number;
  readonly previewChars?: number;
  readonly fixes: readonly { rule: string; line: number }[];
  readonly tokensSaved: number;
  readonly timings: Record<string, number>;
}

/** Validates, then creates or replaces the one object `source` defines. */
export async function deploy(
  deps: XanoToolDeps,
  input: DeployInput,
): Promise<ToolOk<DeployResult> | ToolFailure> {
  let t = performance.now();
  const summary = summarizeXanoScript(input.source);
  input.timings.validate = round(performance.now() - t);
  if (!isValid(summary.diagnostics)) {
    return fail(
      `The XanoScript is not valid:\n${diagnosticsText(summary.diagnostics)}`,
      "Fix these lines and deploy again; nothing was deployed",
      { diagnostics: compactDiagnostics(summary.diagnostics) },
    );
  }
  if (summary.objects.length !== 1) {
    return fail(
      `Deploy one object at a time; this defines ${summary.objects.length}`,
      "Split the code per object",
    );
  }
  const object = summary.objects[0];
  const kind = KIND[object.kind];
  if (!kind) return fail(`Objects of kind "${object.kind}" cannot be deployed by this tool`);
  if (kind === "api" && input.apiGroupId === undefined) {
    return fail(
      "An endpoint needs api_group_id",
      "Call xano_list_api_groups or xano_create_api_group",
    );
  }
  const target = { kind, ...(kind === "api" ? { apiGroupId: input.apiGroupId } : {}) };
  t = performance.now();
  const done = input.objectId === undefined
    ? await deps.xano.createFromXanoscript(input.workspace, target, input.source)
    : await deps.xano.updateFromXanoscript(
      input.workspace,
      { ...target, id: input.objectId },
      input.source,
    );
  input.timings.deploy = round(performance.now() - t);
  let endpoint: string | null = null;
  if (kind === "api") {
    const [group, origin] = await Promise.all([
      deps.xano.getApiGroup(input.workspace, input.apiGroupId!),
      deps.instanceOrigin?.() ?? Promise.resolve(undefined),
    ]);
    if (origin && typeof group.canonical === "string") {
      endpoint = `${origin}/api:${group.canonical}/${object.name.replace(/^\/+/, "")}`;
    }
  }
  input.timings.total = round(Object.values(input.timings).reduce((a, b) => a + b, 0));
  const result: DeployResult = {
    object: {
      kind: object.kind,
      name: object.name,
      id: numericId(done.id),
      ...(object.verb ? { verb: object.verb } : {}),
    },
    endpoint_url: endpoint,
    xanoscript_length: input.source.length,
    xanoscript_preview: preview(input.source, input.previewChars),
    fixes_applied: [...input.fixes],
    estimated_tokens_saved: input.tokensSaved,
    timings_ms: input.timings,
  };
  const text = [
    `${
      input.objectId === undefined ? "Deployed" : "Updated"
    } ${object.kind} "${object.name}" (id ${result.object.id})${
      endpoint ? ` at ${object.verb ?? ""} ${endpoint}` : ""
    }`,
    `XanoScript: ${result.xanoscript_length} chars; fixes applied: ${input.fixes.length}; ~${input.tokensSaved} tokens saved`,
    `Timings (ms): ${Object.entries(input.timings).map(([k, v]) => `${k} ${v}`).join(", ")}`,
  ].join("\n");
  return ok(result, text);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Compiles SDK code, or a failure with the diagnostics. */
async function compile(deps: XanoToolDeps, code: string, fix: boolean) {
  if (!deps.sdk) {
    return fail(
      "The SDK compiler is not available on this server",
      "Write XanoScript and use deploy_xanoscript",
    );
  }
  return await deps.sdk.compile(code, { fix });
}

export const compileSdkCode = defineTool({
  name: "compile_sdk_code",
  toolset: "code",
  title: "Compile SDK code",
  description:
    'Compiles SDK code (JavaScript builder calls such as create("products", "GET")…) to XanoScript and validates it, without deploying. Returns diagnostics with line numbers, the fixes it applied, the objects defined and a short XanoScript preview.',
  input: {
    code: codeArg,
    fix: z.boolean().optional().describe("Repair common mistakes (default true)"),
    preview_chars: previewArg,
  },
  output: {
    ok: z.boolean(),
    objects: z.array(z.object({ kind: z.string(), name: z.string(), verb: z.string().optional() })),
    diagnostics: z.array(diagnosticOutput),
    fixes_applied: z.array(fixOutput),
    xanoscript_length: z.number(),
    xanoscript_preview: z.string(),
  },
  annotations: { ...READ, openWorldHint: false },
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const compiled = await compile(deps, args.code, args.fix ?? true);
    if ("ok" in compiled && compiled.ok === false && "message" in compiled) {
      return compiled;
    }
    const r = compiled as Exclude<typeof compiled, ToolFailure>;
    const data = {
      ok: r.ok,
      objects: r.objects.map((o) => ({
        kind: o.kind,
        name: o.name,
        ...(o.verb ? { verb: o.verb } : {}),
      })),
      diagnostics: compactDiagnostics(r.diagnostics),
      fixes_applied: r.fixes.map((f) => ({ rule: f.rule, line: f.line })),
      xanoscript_length: r.xanoscript.length,
      xanoscript_preview: preview(r.xanoscript, args.preview_chars),
    };
    const text = `${r.ok ? "Compiles" : "Does not compile"}: ${
      data.objects.map((o) => `${o.kind} ${o.name}`).join(", ") || "no objects"
    }; ${r.fixes.length} fix(es)${
      data.diagnostics.length ? `\n${diagnosticsText(data.diagnostics)}` : ""
    }\n\n${data.xanoscript_preview}`;
    return ok(data, text);
  },
});

const sdkDeployInput = {
  workspace_id: workspaceArg,
  api_group_id: groupArg,
  code: codeArg,
  fix: z.boolean().optional().describe("Repair common mistakes (default true)"),
  preview_chars: previewArg,
};

async function deploySdk(
  deps: XanoToolDeps,
  args: {
    workspace_id?: number;
    api_group_id?: number;
    code: string;
    fix?: boolean;
    preview_chars?: number;
  },
  objectId?: number,
) {
  const ws = resolveWorkspace(deps, args.workspace_id);
  if (typeof ws !== "number") return ws;
  const t = performance.now();
  const compiled = await compile(deps, args.code, args.fix ?? true);
  if ("message" in compiled) return compiled;
  if (!compiled.ok) {
    return fail(
      `The SDK code does not compile:\n${
        diagnosticsText(compactDiagnostics(compiled.diagnostics))
      }`,
      "Fix these lines (or call compile_sdk_code to iterate); nothing was deployed",
      { diagnostics: compactDiagnostics(compiled.diagnostics) },
    );
  }
  return await deploy(deps, {
    workspace: ws,
    source: compiled.xanoscript,
    apiGroupId: args.api_group_id,
    objectId,
    previewChars: args.preview_chars,
    fixes: compiled.fixes.map((f) => ({ rule: f.rule, line: f.line })),
    tokensSaved: Math.max(0, estimateTokens(compiled.xanoscript) - estimateTokens(args.code)),
    timings: { compile: round(performance.now() - t) },
  });
}

export const deploySdkCode = defineTool({
  name: "deploy_sdk_code",
  toolset: "code",
  title: "Deploy SDK code",
  description:
    "Compiles SDK code to XanoScript, validates it and creates the object in Xano (an endpoint needs api_group_id). Returns the endpoint URL, fixes applied and timings. Nothing is deployed when the code has errors.",
  input: sdkDeployInput,
  output: deployOutput,
  annotations: WRITE,
  scope: "xano:deploy",
  handler(args, deps: XanoToolDeps) {
    return deploySdk(deps, args);
  },
});

export const updateSdkCode = defineTool({
  name: "update_sdk_code",
  toolset: "code",
  title: "Update from SDK code",
  description:
    "Like deploy_sdk_code but replaces an existing object (object_id from xano_list_apis or xano_list_functions) and publishes it.",
  input: { ...sdkDeployInput, object_id: z.number().int().positive() },
  output: deployOutput,
  annotations: { ...WRITE, idempotentHint: true },
  scope: "xano:deploy",
  handler(args, deps: XanoToolDeps) {
    return deploySdk(deps, args, args.object_id);
  },
});

export const validateXanoscriptTool = defineTool({
  name: "validate_xanoscript",
  toolset: "code",
  title: "Validate XanoScript",
  description:
    "Checks XanoScript against Xano's grammar without deploying: errors and warnings with line, column and a suggested fix, plus a summary of the objects it defines.",
  input: { source: codeArg },
  output: {
    valid: z.boolean(),
    diagnostics: z.array(diagnosticOutput),
    objects: z.array(z.object({ kind: z.string(), name: z.string(), verb: z.string().optional() })),
  },
  annotations: { ...READ, openWorldHint: false },
  scope: "xano:read",
  handler(args) {
    const diagnostics = validateXanoScript(args.source);
    const valid = isValid(diagnostics);
    const objects = valid
      ? summarizeXanoScript(args.source).objects.map((o) => ({
        kind: o.kind,
        name: o.name,
        ...(o.verb ? { verb: o.verb } : {}),
      }))
      : [];
    const text = valid
      ? `Valid: ${objects.map((o) => `${o.kind} ${o.name}`).join(", ")}${
        diagnostics.length ? `\n${diagnosticsText(diagnostics)}` : ""
      }`
      : `Invalid (${diagnostics.filter((d) => d.severity === "error").length} error(s)):\n${
        diagnosticsText(diagnostics)
      }`;
    return Promise.resolve(
      ok({ valid, diagnostics: compactDiagnostics(diagnostics), objects }, text),
    );
  },
});

export const deployXanoscript = defineTool({
  name: "deploy_xanoscript",
  toolset: "code",
  title: "Deploy XanoScript",
  description:
    "Validates XanoScript and creates (or, with object_id, replaces) the object it defines in Xano. Prefer deploy_sdk_code when writing new logic; use this for XanoScript you already have.",
  input: {
    workspace_id: workspaceArg,
    api_group_id: groupArg,
    source: codeArg,
    object_id: z.number().int().positive().optional().describe(
      "Replace this existing object instead of creating",
    ),
    preview_chars: previewArg,
  },
  output: deployOutput,
  annotations: WRITE,
  scope: "xano:deploy",
  handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return Promise.resolve(ws);
    return deploy(deps, {
      workspace: ws,
      source: args.source,
      apiGroupId: args.api_group_id,
      objectId: args.object_id,
      previewChars: args.preview_chars,
      fixes: [],
      tokensSaved: 0,
      timings: {},
    });
  },
});

/** Every tool of the toolset. */
export const codeTools = [
  compileSdkCode,
  deploySdkCode,
  updateSdkCode,
  validateXanoscriptTool,
  deployXanoscript,
];
