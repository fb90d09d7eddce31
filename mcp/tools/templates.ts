/**
 * Toolset "templates": ready-made backends generated as SDK code from the
 * workspace's real schema, compiled (never run), validated and deployed one
 * endpoint at a time. `dry_run` returns the SDK code without deploying.
 *
 * @module
 */

import { z } from "zod";
import { defineTool } from "../inventory.ts";
import { estimateTokens, fail, ok, type ToolFailure } from "../result.ts";
import {
  resolveWorkspace,
  workspaceArg,
  WRITE,
  type XanoField,
  type XanoToolDeps,
} from "./_shared.ts";
import { deploy } from "./code.ts";

const groupArg = z.number().int().positive().describe(
  "API group to deploy into (xano_list_api_groups)",
);
const dryRunArg = z.boolean().optional().describe(
  "Return the generated SDK code without deploying",
);
const SYSTEM_FIELDS = new Set(["id", "created_at", "updated_at"]);
const INPUT_TYPES = new Set([
  "int",
  "decimal",
  "text",
  "email",
  "password",
  "bool",
  "timestamp",
  "date",
  "json",
  "uuid",
  "enum",
]);

const templateOutput = {
  deployed: z.array(
    z.object({
      name: z.string(),
      verb: z.string().optional(),
      id: z.number(),
      endpoint_url: z.string().nullable(),
    }),
  ),
  failed: z.array(z.object({ name: z.string(), error: z.string() })),
  sdk_code: z.array(z.string()).optional(),
  estimated_tokens_saved: z.number(),
};
type TemplateResult = z.infer<z.ZodObject<typeof templateOutput>>;

const q = (text: string) => JSON.stringify(text);

/** Deploys each SDK snippet; one failure does not stop the others. */
async function deployAll(
  deps: XanoToolDeps,
  workspace: number,
  apiGroupId: number,
  snippets: readonly { name: string; code: string }[],
  dryRun: boolean | undefined,
) {
  if (!deps.sdk) return fail("The SDK compiler is not available on this server");
  let saved = 0;
  for (const s of snippets) {
    const compiled = await deps.sdk.compile(s.code, { fix: false });
    saved += Math.max(0, estimateTokens(compiled.xanoscript) - estimateTokens(s.code));
  }
  if (dryRun) {
    const code = snippets.map((s) => s.code);
    return ok<TemplateResult>(
      { deployed: [], failed: [], sdk_code: code, estimated_tokens_saved: saved },
      `Dry run: ${snippets.length} endpoint(s), nothing deployed\n\n${code.join("\n\n")}`,
    );
  }
  const deployed: TemplateResult["deployed"] = [];
  const failed: TemplateResult["failed"] = [];
  for (const snippet of snippets) {
    const compiled = await deps.sdk.compile(snippet.code, { fix: false });
    if (!compiled.ok) {
      failed.push({
        name: snippet.name,
        error: compiled.diagnostics.map((d) => d.message).join("; "),
      });
      continue;
    }
    try {
      const result = await deploy(deps, {
        workspace,
        source: compiled.xanoscript,
        apiGroupId,
        fixes: [],
        tokensSaved: 0,
        timings: {},
      });
      if (result.ok) {
        deployed.push({
          name: result.data.object.name,
          ...(result.data.object.verb ? { verb: result.data.object.verb } : {}),
          id: result.data.object.id,
          endpoint_url: result.data.endpoint_url,
        });
      } else failed.push({ name: snippet.name, error: result.message });
    } catch (error) {
      failed.push({
        name: snippet.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const lines = deployed.map((d) => `- ${d.verb ?? ""} ${d.endpoint_url ?? d.name} (id ${d.id})`);
  const failures = failed.map((f) => `- ${f.name}: ${f.error}`);
  return ok<TemplateResult>(
    { deployed, failed, estimated_tokens_saved: saved },
    `Deployed ${deployed.length} of ${snippets.length} endpoint(s)\n${lines.join("\n")}${
      failures.length ? `\nFailed:\n${failures.join("\n")}` : ""
    }`,
  );
}

function inputLine(field: XanoField, required: boolean): string {
  const type = field.type === "enum" ? "text" : field.type;
  return `.input(${q(field.name)}, ${q(type)}${
    required && !field.nullable ? "" : ", { required: false }"
  })`;
}

/** The five CRUD endpoints of a table, as SDK code. */
export function crudSnippets(
  table: string,
  fields: readonly XanoField[],
): { name: string; code: string }[] {
  const data = fields.filter((f) => !SYSTEM_FIELDS.has(f.name) && INPUT_TYPES.has(f.type));
  const record = `{ ${data.map((f) => `${f.name}: ${q(`$input.${f.name}`)}`).join(", ")} }`;
  const byId = `.input("id", "int")`;
  return [
    {
      name: `GET ${table}`,
      code:
        `create(${q(table)}, "GET").description(${
          q(`List ${table}`)
        }).input("page", "int", { required: false, default: 1 })` +
        `.dbQuery(${
          q(table)
        }, { page: "$input.page", perPage: 25, totals: true }, "items").response("$items")`,
    },
    {
      name: `GET ${table}/{id}`,
      code:
        `create(${q(`${table}/{id}`)}, "GET")${byId}.dbGet(${
          q(table)
        }, { id: "$input.id" }, "record")` +
        `.precondition("$record != null", ${
          q(`No ${table} record with this id`)
        }, "notfound").response("$record")`,
    },
    {
      name: `POST ${table}`,
      code: `create(${q(table)}, "POST")${data.map((f) => inputLine(f, true)).join("")}` +
        `.dbAdd(${q(table)}, ${record}, "record").response("$record")`,
    },
    {
      name: `PUT ${table}/{id}`,
      code:
        `create(${q(`${table}/{id}`)}, "PUT")${byId}${
          data.map((f) => inputLine(f, true)).join("")
        }` +
        `.dbEdit(${q(table)}, { id: "$input.id" }, ${record}, "record").response("$record")`,
    },
    {
      name: `DELETE ${table}/{id}`,
      code: `create(${q(`${table}/{id}`)}, "DELETE")${byId}.dbDelete(${
        q(table)
      }, { id: "$input.id" }).response({ deleted: true })`,
    },
  ];
}

async function tableOf(
  deps: XanoToolDeps,
  ws: number,
  tableId: number,
): Promise<{ name: string; fields: readonly XanoField[] }> {
  const [table, fields] = await Promise.all([
    deps.xano.getTable(ws, tableId),
    deps.xano.getSchema(ws, tableId),
  ]);
  return { name: String(table.name ?? tableId), fields };
}

export const createCrudSystem = defineTool({
  name: "create_crud_system",
  toolset: "templates",
  title: "Create a CRUD API for a table",
  description:
    "Generates and deploys list, get, create, update and delete endpoints for a table from its real schema (5 endpoints: GET t, GET t/{id}, POST t, PUT t/{id}, DELETE t/{id}). Use dry_run to review the SDK code first.",
  input: {
    workspace_id: workspaceArg,
    table_id: z.number().int().positive(),
    api_group_id: groupArg,
    dry_run: dryRunArg,
  },
  output: templateOutput,
  annotations: WRITE,
  scope: "xano:deploy",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const table = await tableOf(deps, ws, args.table_id);
    return deployAll(
      deps,
      ws,
      args.api_group_id,
      crudSnippets(table.name, table.fields),
      args.dry_run,
    );
  },
});

/** Signup, login and me endpoints for an auth table with email and password fields. */
export function authSnippets(
  table: string,
  fields: readonly XanoField[],
): { name: string; code: string }[] | string {
  const names = new Set(fields.map((f) => f.name));
  if (!names.has("email") || !fields.some((f) => f.name === "password" && f.type === "password")) {
    return `Table "${table}" needs an "email" field and a "password" field of type password`;
  }
  const extras = fields.filter((f) =>
    !SYSTEM_FIELDS.has(f.name) && !["email", "password"].includes(f.name) &&
    INPUT_TYPES.has(f.type) && f.type !== "password"
  );
  const extraInputs = extras.map((f) => inputLine(f, false)).join("");
  const extraData = extras.map((f) => `, ${f.name}: ${q(`$input.${f.name}`)}`).join("");
  const token = `.createAuthToken(${
    q(table)
  }, "$user.id", 86400, "authToken").response({ authToken: "$authToken", user_id: "$user.id" })`;
  const refused = q("Invalid email or password");
  return [
    {
      name: "POST auth/signup",
      code:
        `create("auth/signup", "POST").input("email", "email").input("password", "password")${extraInputs}` +
        `.dbGet(${q(table)}, { email: "$input.email" }, "existing")` +
        `.precondition("$existing == null", "This email is already registered", "accessdenied")` +
        `.dbAdd(${
          q(table)
        }, { email: "$input.email", password: "$input.password"${extraData} }, "user")${token}`,
    },
    {
      name: "POST auth/login",
      code: `create("auth/login", "POST").input("email", "email").input("password", "text")` +
        `.dbGet(${
          q(table)
        }, { email: "$input.email" }, "user").precondition("$user != null", ${refused}, "accessdenied")` +
        `.verifyPassword("$input.password", "$user.password", "ok").precondition("$ok", ${refused}, "accessdenied")${token}`,
    },
    {
      name: "GET auth/me",
      code:
        `create("auth/me", "GET").requiresAuth(${q(table)}).dbGet(${
          q(table)
        }, { id: "$auth.id" }, "user")` +
        `.response({ id: "$user.id", email: "$user.email" })`,
    },
  ];
}

export const createAuthSystem = defineTool({
  name: "create_auth_system",
  toolset: "templates",
  title: "Create signup, login and me endpoints",
  description:
    "Deploys auth/signup, auth/login (returning an auth token valid 24 h) and auth/me for an auth table that has email and password fields. Create that table first (xano_create_table with auth true, then email and password fields) if it does not exist.",
  input: {
    workspace_id: workspaceArg,
    table_id: z.number().int().positive().describe("The auth table (e.g. user)"),
    api_group_id: groupArg,
    dry_run: dryRunArg,
  },
  output: templateOutput,
  annotations: WRITE,
  scope: "xano:deploy",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws;
    const table = await tableOf(deps, ws, args.table_id);
    const snippets = authSnippets(table.name, table.fields);
    if (typeof snippets === "string") {
      return fail(
        snippets,
        "Add them with xano_add_field_to_schema (type email and type password), then retry",
      );
    }
    return deployAll(deps, ws, args.api_group_id, snippets, args.dry_run);
  },
});

/** A Stripe Checkout session endpoint and a webhook receiver. */
export function stripeSnippets(): { name: string; code: string }[] {
  return [
    {
      name: "POST stripe/checkout",
      code:
        `create("stripe/checkout", "POST").input("price_id", "text").input("quantity", "int", { required: false, default: 1 })` +
        `.input("success_url", "text").input("cancel_url", "text")` +
        `.apiRequest("https://api.stripe.com/v1/checkout/sessions", "POST", { headers: [expr('"Authorization: Bearer "|concat:$env.STRIPE_SECRET_KEY')], ` +
        `body: { mode: "payment", "line_items[0][price]": "$input.price_id", "line_items[0][quantity]": "$input.quantity", ` +
        `success_url: "$input.success_url", cancel_url: "$input.cancel_url" } }, "session")` +
        `.precondition("$session.response.status == 200", "Stripe refused the checkout session", "standard")` +
        `.response({ id: "$session.response.result.id", url: "$session.response.result.url" })`,
    },
    {
      name: "POST stripe/webhook",
      code:
        `create("stripe/webhook", "POST").input("type", "text").input("data", "json", { required: false })` +
        `.debugLog("$input.type").response({ received: true })`,
    },
  ];
}

export const createStripeIntegration = defineTool({
  name: "create_stripe_integration",
  toolset: "templates",
  title: "Create Stripe Checkout endpoints",
  description:
    "Deploys stripe/checkout (creates a Stripe Checkout session for a price and returns its URL) and stripe/webhook (receives events). Needs the environment variable STRIPE_SECRET_KEY set in the Xano workspace; the key never passes through this server.",
  input: { workspace_id: workspaceArg, api_group_id: groupArg, dry_run: dryRunArg },
  output: templateOutput,
  annotations: WRITE,
  scope: "xano:deploy",
  async handler(args, deps: XanoToolDeps) {
    const ws = resolveWorkspace(deps, args.workspace_id);
    if (typeof ws !== "number") return ws as ToolFailure;
    const result = await deployAll(deps, ws, args.api_group_id, stripeSnippets(), args.dry_run);
    if (result.ok && !args.dry_run) {
      return ok(
        result.data,
        `${result.text}\nSet STRIPE_SECRET_KEY in the workspace's environment variables before use.`,
      );
    }
    return result;
  },
});

/** Every tool of the toolset. */
export const templateTools = [createCrudSystem, createAuthSystem, createStripeIntegration];
