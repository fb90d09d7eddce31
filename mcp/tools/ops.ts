/**
 * Toolset "ops": a whole-workspace overview with obvious problems.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { fenceUntrusted, ok } from "../result.ts";
import {
  cursorArg,
  fieldSignature,
  limitArg,
  listScope,
  moreLine,
  numericId,
  pageInfo,
  pageOutput,
  READ,
  resolveWorkspace,
  workspaceArg,
  type XanoToolDeps,
} from "./_shared.ts";

const MAX_TABLES = 100;

export const analyzeWorkspace = defineTool({
  name: "analyze_workspace",
  toolset: "ops",
  title: "Analyze a workspace",
  description:
    "One-call overview of a workspace: every table with its fields in compact form, plus obvious problems (tables without fields, tables without a created_at, auth tables without a password field). Use it before designing changes.",
  input: { workspace_id: workspaceArg },
  output: {
    workspace_id: z.number(),
    tables: z.array(z.object({ id: z.number(), name: z.string(), fields: z.array(z.string()) })),
    problems: z.array(z.string()),
    truncated: z.boolean(),
  },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps, ctx) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const page = await deps.xano.listTables(ws, { page: 1, perPage: MAX_TABLES });
    const tables = [];
    const problems: string[] = [];
    let done = 0;
    for (const table of page.items) {
      const id = numericId(table.id);
      const name = String(table.name ?? id);
      const schema = await deps.xano.getSchema(ws, id);
      const names = schema.map((f) => f.name);
      tables.push({ id, name, fields: schema.map(fieldSignature) });
      if (schema.filter((f) => f.name !== "id" && f.name !== "created_at").length === 0) {
        problems.push(`Table "${name}" has no fields besides id/created_at`);
      }
      if (!names.includes("created_at")) problems.push(`Table "${name}" has no created_at field`);
      if (table.auth === true && !schema.some((f) => f.type === "password")) {
        problems.push(`Auth table "${name}" has no password field`);
      }
      await ctx.progress(++done, page.items.length);
    }
    const truncated = page.nextPage !== null;
    const text = [
      `Workspace ${ws}: ${tables.length} table(s)${truncated ? ` (first ${MAX_TABLES})` : ""}`,
      ...tables.map((t) => `- ${t.id} ${t.name}: ${t.fields.join(", ")}`),
      problems.length
        ? `Problems:\n${problems.map((p) => `- ${p}`).join("\n")}`
        : "No obvious problems",
    ].join("\n");
    return ok({ workspace_id: ws, tables, problems, truncated }, text);
  },
});

export const getRequestHistory = defineTool({
  name: "xano_get_request_history",
  toolset: "ops",
  title: "Get request history",
  description:
    "Recent calls to the workspace's endpoints: time, verb, path, status and duration, newest first. Filter by api_id to debug one endpoint.",
  input: {
    workspace_id: workspaceArg,
    api_id: z.number().int().positive().optional(),
    cursor: cursorArg,
    limit: limitArg(100, 25),
  },
  output: {
    requests: z.array(z.object({
      id: z.union([z.number(), z.string()]),
      at: z.string().optional(),
      verb: z.string().optional(),
      uri: z.string().optional(),
      status: z.union([z.number(), z.string()]).optional(),
      duration_ms: z.number().optional(),
    })),
    ...pageOutput,
  },
  annotations: READ,
  scope: "xano:read",
  async handler(args, deps: XanoToolDeps) {
    const scope = listScope(deps, args);
    if (!scope.ok) return scope;
    const { ws, page } = scope;
    const result = await deps.xano.listRequestHistory(ws, {
      page,
      perPage: args.limit ?? 25,
      ...(args.api_id ? { apiId: args.api_id } : {}),
    });
    const requests = result.items.map((r) => ({
      id: r.id,
      ...(r.created_at === undefined || r.created_at === null
        ? {}
        : { at: timestamp(r.created_at) }),
      ...(typeof r.verb === "string" ? { verb: r.verb } : {}),
      ...(typeof r.uri === "string" ? { uri: r.uri } : {}),
      ...(typeof r.status === "number" || typeof r.status === "string" ? { status: r.status } : {}),
      ...(typeof r.duration === "number"
        ? { duration_ms: Math.round(r.duration * 1000) / 1000 }
        : {}),
    }));
    const lines = requests.map((r) =>
      `- ${r.at ?? "?"} ${r.verb ?? "?"} ${r.uri ?? "?"} -> ${r.status ?? "?"}${
        r.duration_ms === undefined ? "" : ` in ${r.duration_ms}`
      }`
    );
    return ok(
      { requests, ...pageInfo(result) },
      `${requests.length} request(s)\n${fenceUntrusted(lines.join("\n"), "request log")}${
        moreLine(result)
      }`,
    );
  },
});

function timestamp(value: unknown): string {
  if (typeof value === "number") return new Date(value).toISOString();
  return String(value);
}

/** Every tool of the toolset. */
export const opsTools = [analyzeWorkspace, getRequestHistory];
