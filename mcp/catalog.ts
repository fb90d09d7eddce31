/**
 * What every session's server shares: the parts of a server that do not
 * depend on who is connected. A process serves hundreds of sessions, each
 * with its own SDK server; anything built per server is paid once per
 * session, so tool schemas and their `tools/list` definitions, the index of
 * tools by name, the elicitation schema and its validator are built once per
 * process here and handed to every server.
 *
 * @module
 */

import { z } from "zod";
import type { AnyTool } from "./inventory.ts";
import {
  AjvJsonSchemaValidator,
  type JsonSchemaType,
  type JsonSchemaValidator,
  type jsonSchemaValidator,
  toJsonSchemaCompat,
  type Tool,
} from "./sdk_server.ts";

/** What a tool registers with: the shape shared by the 1.x and v2 SDK servers. */
export interface ToolRegistration {
  readonly title: string;
  readonly description: string;
  readonly inputSchema: z.ZodObject;
  readonly outputSchema: z.ZodObject;
  readonly annotations: Record<string, unknown>;
}

const registrations = new WeakMap<AnyTool, ToolRegistration>();

const confirmationTokenSchema = z.string().max(200).optional().describe(
  "Only when a previous call answered 'confirmation required': the token it returned, after the user agreed",
);

/**
 * The registration of a tool, built on first use and then shared by every
 * server that registers the tool. SDK servers keep the object schemas they
 * are given (a raw shape would be wrapped in a new object schema per server),
 * so the zod objects exist once per tool instead of once per session. Their
 * JSON Schema conversion is done once as well (see {@link convertedOnce}).
 */
export function toolRegistration(tool: AnyTool): ToolRegistration {
  let registration = registrations.get(tool);
  if (!registration) {
    const input = tool.annotations.destructiveHint
      ? { ...tool.input, confirmation_token: confirmationTokenSchema }
      : tool.input;
    registration = Object.freeze({
      title: tool.title,
      description: tool.description,
      inputSchema: convertedOnce(z.object(input)),
      outputSchema: convertedOnce(z.object(tool.output)),
      annotations: Object.freeze({ title: tool.title, ...tool.annotations }),
    });
    registrations.set(tool, registration);
  }
  return registration;
}

/**
 * Makes a schema's Standard JSON Schema conversion (`~standard.jsonSchema`)
 * run once per direction and target and hand out the same frozen result
 * afterwards. The 2026-era v2 SDK server is built per request and converts
 * through it on every `tools/list` (every tool's input and output schema,
 * ~3.7 ms for the catalog) and on every `tools/call` (the called tool's output
 * schema). zod lets a schema's `~standard` be replaced; validation stays
 * zod's own.
 */
function convertedOnce<T extends z.ZodObject>(schema: T): T {
  const standard = schema["~standard"];
  const converted = new Map<string, Record<string, unknown>>();
  const once =
    (io: "input" | "output") => (params?: { target?: string; libraryOptions?: unknown }) => {
      if (params?.libraryOptions !== undefined) return standard.jsonSchema[io](params as never);
      const key = `${io} ${params?.target}`;
      let result = converted.get(key);
      if (!result) {
        result = deepFreeze(standard.jsonSchema[io](params as never));
        converted.set(key, result);
      }
      return result;
    };
  schema["~standard"] = {
    ...standard,
    jsonSchema: { input: once("input"), output: once("output") },
  };
  return schema;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const definitions = new WeakMap<AnyTool, Tool>();

/** Tools run within their request; none can be run as a task (what the SDK declares by default). */
const NO_TASKS = Object.freeze({ taskSupport: "forbidden" as const });

/**
 * A tool as `tools/list` shows it, with its JSON Schemas converted once per
 * process by the SDK's own converter (with the options the SDK's `McpServer`
 * uses, and its default `execution`), so every session lists the same objects instead of converting every
 * schema again on every `tools/list`.
 */
export function toolDefinition(tool: AnyTool): Tool {
  let definition = definitions.get(tool);
  if (!definition) {
    const registration = toolRegistration(tool);
    definition = Object.freeze({
      name: tool.name,
      title: registration.title,
      description: registration.description,
      inputSchema: toJsonSchemaCompat(registration.inputSchema, {
        strictUnions: true,
        pipeStrategy: "input",
      }) as Tool["inputSchema"],
      annotations: registration.annotations,
      execution: NO_TASKS,
      outputSchema: toJsonSchemaCompat(registration.outputSchema, {
        strictUnions: true,
        pipeStrategy: "output",
      }) as Tool["outputSchema"],
    });
    definitions.set(tool, definition);
  }
  return definition;
}

const indexes = new WeakMap<readonly AnyTool[], ReadonlyMap<string, AnyTool>>();

/** The tools of a tool list by name, built once per list. */
export function toolIndex<T extends AnyTool>(tools: readonly T[]): ReadonlyMap<string, T> {
  let index = indexes.get(tools);
  if (!index) {
    index = new Map(tools.map((tool) => [tool.name, tool]));
    indexes.set(tools, index);
  }
  return index as ReadonlyMap<string, T>;
}

/** The form a destructive call's confirmation asks for: one checkbox. */
export const CONFIRM_SCHEMA: {
  type: "object";
  properties: { confirm: { type: "boolean"; title: string; default: boolean } };
  required: string[];
} = {
  type: "object",
  properties: {
    confirm: { type: "boolean", title: "Yes, go ahead", default: false },
  },
  required: ["confirm"],
};

const validators = new WeakMap<object, JsonSchemaValidator<unknown>>();

/**
 * The JSON Schema validator servers check elicitation answers with. Without
 * one, every SDK server builds its own Ajv instance (with all its formats)
 * at construction, whether or not the session ever elicits. This one compiles
 * a validator once per schema object and forgets it with the object; the
 * confirmation form is a module constant ({@link CONFIRM_SCHEMA}), so it is
 * compiled once per process.
 */
export const sharedSchemaValidator: jsonSchemaValidator = {
  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    let validator = validators.get(schema);
    if (!validator) {
      validator = new AjvJsonSchemaValidator().getValidator(schema);
      validators.set(schema, validator);
    }
    return validator as JsonSchemaValidator<T>;
  },
};
