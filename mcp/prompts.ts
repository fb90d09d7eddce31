/**
 * Prompts for the common jobs: design a table, build a CRUD API, fix a failed
 * deploy. Arguments with known values complete (field types, HTTP verbs).
 * Prompts are data ({@link PROMPTS}); each protocol era registers them.
 *
 * @module
 */

import { z } from "zod";
import { completable, type McpServer } from "./sdk_server.ts";

const user = (text: string) => ({
  role: "user" as const,
  content: { type: "text" as const, text },
});
const startsWith = (values: readonly string[]) => (value: string | undefined) =>
  values.filter((candidate) => candidate.startsWith(value ?? ""));

/** Attaches a completer to an argument schema (each SDK has its own `completable`). */
export type Completer = <T extends z.ZodType>(
  schema: T,
  complete: (value: string | undefined) => string[],
) => T;

/** One prompt as data, registered by either SDK. */
export interface PromptDefinition {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  args(completable: Completer): z.ZodRawShape;
  build(args: Record<string, string | undefined>): {
    messages: ReturnType<typeof user>[];
  };
}

/**
 * An optional, completable argument. The SDK looks for the completer on the
 * inner schema when it decides to enable completions, and on the optional
 * wrapper when it answers, so both carry it.
 */
function optionalChoice(completable: Completer, description: string, values: readonly string[]) {
  const complete = startsWith(values);
  return completable(completable(z.string().describe(description), complete).optional(), complete);
}

/** The prompts, shared by the 2025 and 2026 eras. */
export const PROMPTS: readonly PromptDefinition[] = [{
  name: "design_table",
  title: "Design a table",
  description: "Plan a new Xano table from what it should store, then create it",
  args: (completable) => ({
    purpose: z.string().describe("What the table stores, e.g. 'orders placed by customers'"),
    auth: optionalChoice(completable, "'yes' for a users table that signs people in", [
      "yes",
      "no",
    ]),
  }),
  build: ({ purpose, auth }) => ({
    messages: [user(
      `Design a Xano table that stores: ${purpose}.${
        auth === "yes" ? " It is an auth table (email + password)." : ""
      }
1. Call analyze_workspace to see existing tables and reuse them through tableref fields.
2. Propose a snake_case table name and fields (name:type, nullable?) and wait for my approval.
3. Then call xano_create_table and xano_add_field_to_schema for each field, and show the final schema.`,
    )],
  }),
}, {
  name: "build_crud_api",
  title: "Build a CRUD API",
  description: "Create list/get/create/update/delete endpoints for a table",
  args: (completable) => ({
    table: z.string().describe("Table name"),
    verbs: optionalChoice(completable, "Comma-separated verbs to build, default all", [
      "GET,POST,PATCH,DELETE",
      "GET",
      "GET,POST",
    ]),
  }),
  build: ({ table, verbs }) => ({
    messages: [user(
      `Build a CRUD API for the "${table}" table (${verbs ?? "GET,POST,PATCH,DELETE"}).
1. Read the schema with xano_get_table_schema; list API groups with xano_list_api_groups (create one if needed).
2. Use create_crud_system if it fits; otherwise write SDK code per endpoint, check it with compile_sdk_code, then deploy_sdk_code.
3. Report each endpoint URL and what it returns.`,
    )],
  }),
}, {
  name: "fix_failed_deploy",
  title: "Fix a failed deploy",
  description: "Diagnose a failed deploy from its error and code, then retry",
  args: () => ({
    error: z.string().describe("The error message the deploy returned"),
    code: z.string().optional().describe("The SDK code or XanoScript that failed"),
  }),
  build: ({ error, code }) => ({
    messages: [user(
      `A Xano deploy failed with: ${error}
${code ? `The code was:\n${code}\n` : ""}1. Read xano://docs/quick-reference for the syntax rules.
2. Run validate_xanoscript (or compile_sdk_code) and fix every diagnostic; prefer the suggested fix.
3. Explain the cause in one sentence, then deploy again.`,
    )],
  }),
}];

/** Argument shapes for the 2025-era SDK, built once and shared by every session's server. */
const legacyArgs = new WeakMap<PromptDefinition, z.ZodRawShape>();

/** Registers the prompts on a 2025-era server. */
export function registerPrompts(server: McpServer): void {
  for (const prompt of PROMPTS) {
    let argsSchema = legacyArgs.get(prompt);
    if (!argsSchema) {
      argsSchema = prompt.args(completable as Completer);
      legacyArgs.set(prompt, argsSchema);
    }
    server.registerPrompt(prompt.name, {
      title: prompt.title,
      description: prompt.description,
      argsSchema,
    }, (args) => prompt.build(args as Record<string, string | undefined>));
  }
}
