/**
 * Toolset "ops": a whole-workspace overview with obvious problems.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { ok } from "../result.ts";
import {
  fieldSignature,
  numericId,
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

/** Every tool of the toolset. */
export const opsTools = [analyzeWorkspace];
