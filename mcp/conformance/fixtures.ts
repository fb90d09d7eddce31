/**
 * The fixture tools, resources and prompts the official MCP conformance suite
 * calls by name (`test_simple_text`, `test://static-text`, …). Registered only
 * by `deno task conformance:serve`, never by the product server.
 *
 * @module
 */

import { z } from "zod";
import {
  type CallToolResult,
  completable,
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListToolsRequestSchema,
  type McpServer,
  ResourceTemplate,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from "../sdk.ts";

/** A 1×1 PNG, generated for these fixtures. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQm/AfAAJ9Aa5x8yHNAAAAAElFTkSuQmCC";
/** A two-sample 8 kHz mono WAV, generated for these fixtures. */
const WAV = "UklGRigAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQQAAAAAAAAA";

const SCHEMA_2020_12 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object" as const,
  $defs: {
    address: {
      type: "object",
      properties: { street: { type: "string" }, city: { type: "string" } },
    },
  },
  properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
  additionalProperties: false,
};

function text(value: string): CallToolResult {
  return { content: [{ type: "text", text: value }] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers every conformance fixture on `server`. */
export function registerConformanceFixtures(server: McpServer): void {
  server.server.registerCapabilities({
    resources: { subscribe: true, listChanged: true },
    prompts: { listChanged: true },
  });
  registerTools(server);
  registerResources(server);
  registerPrompts(server);
}

function registerTools(server: McpServer): void {
  const plain = (name: string, description: string, run: () => CallToolResult) =>
    server.registerTool(name, { description, inputSchema: {} }, () => Promise.resolve(run()));

  plain(
    "test_simple_text",
    "Returns one text block",
    () => text("Plain text from the fixture server."),
  );
  plain("test_image_content", "Returns one PNG image block", () => ({
    content: [{ type: "image", data: PNG, mimeType: "image/png" }],
  }));
  plain("test_audio_content", "Returns one WAV audio block", () => ({
    content: [{ type: "audio", data: WAV, mimeType: "audio/wav" }],
  }));
  plain("test_embedded_resource", "Returns an embedded text resource", () => ({
    content: [{
      type: "resource",
      resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "Embedded text." },
    }],
  }));
  plain("test_multiple_content_types", "Returns text, an image and a resource", () => ({
    content: [
      { type: "text", text: "Three kinds of content follow." },
      { type: "image", data: PNG, mimeType: "image/png" },
      {
        type: "resource",
        resource: {
          uri: "test://mixed-content-resource",
          mimeType: "application/json",
          text: JSON.stringify({ fixture: true, n: 3 }),
        },
      },
    ],
  }));
  server.registerTool("test_error_handling", {
    description: "Always fails with an error result",
    inputSchema: {},
  }, () => Promise.resolve({ ...text("The fixture failed on purpose."), isError: true }));

  server.registerTool("test_tool_with_logging", {
    description: "Sends three log notifications while it runs",
    inputSchema: {},
  }, async (_args, extra) => {
    for (const step of ["started", "working", "finished"]) {
      await extra.sendNotification({
        method: "notifications/message",
        params: { level: "info", logger: "fixture", data: `Logging fixture ${step}` },
      });
      await sleep(20);
    }
    return text("Logged three messages.");
  });

  server.registerTool("test_tool_with_progress", {
    description: "Reports progress 0, 50 and 100 of 100",
    inputSchema: {},
  }, async (_args, extra) => {
    const progressToken = extra._meta?.progressToken ?? 0;
    for (const progress of [0, 50, 100]) {
      await extra.sendNotification({
        method: "notifications/progress",
        params: { progressToken, progress, total: 100, message: `${progress}%` },
      });
      await sleep(20);
    }
    return text(String(progressToken));
  });

  server.registerTool("test_reconnection", {
    description: "Closes its SSE stream mid-call; the client must reconnect to get the result",
    inputSchema: {},
  }, async (_args, extra) => {
    extra.closeSSEStream?.();
    await sleep(100);
    return text("Reconnected and received the result.");
  });

  server.registerTool("test_sampling", {
    description: "Asks the client's model to answer a prompt",
    inputSchema: { prompt: z.string().describe("What to ask the model") },
  }, async ({ prompt }, extra) => {
    const result = await extra.sendRequest({
      method: "sampling/createMessage",
      params: {
        messages: [{ role: "user", content: { type: "text", text: prompt } }],
        maxTokens: 100,
      },
    }, CreateMessageResultSchema);
    const content = result.content as { type: string; text?: string };
    return text(`LLM response: ${content.type === "text" ? content.text : "(non-text)"}`);
  });

  const elicit = (name: string, description: string, message: string, schema: object) =>
    server.registerTool(name, { description, inputSchema: {} }, async (_args, extra) => {
      const result = await extra.sendRequest({
        method: "elicitation/create",
        params: { mode: "form", message, requestedSchema: schema as never },
      }, ElicitResultSchema);
      return text(
        `Elicitation result: action=${result.action}, content=${
          JSON.stringify(result.content ?? {})
        }`,
      );
    });

  server.registerTool("test_elicitation", {
    description: "Asks the user for a username and email",
    inputSchema: { message: z.string().describe("What to ask the user") },
  }, async ({ message }, extra) => {
    const result = await extra.sendRequest({
      method: "elicitation/create",
      params: {
        mode: "form",
        message,
        requestedSchema: {
          type: "object",
          properties: {
            username: { type: "string", description: "The user's name" },
            email: { type: "string", description: "The user's email" },
          },
          required: ["username", "email"],
        },
      },
    }, ElicitResultSchema);
    return text(
      `User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`,
    );
  });

  elicit(
    "test_elicitation_sep1034_defaults",
    "Elicits primitives with defaults",
    "Check the defaults",
    {
      type: "object",
      properties: {
        name: { type: "string", description: "Name", default: "John Doe" },
        age: { type: "integer", description: "Age", default: 30 },
        score: { type: "number", description: "Score", default: 95.5 },
        status: {
          type: "string",
          description: "Status",
          enum: ["active", "inactive", "pending"],
          default: "active",
        },
        verified: { type: "boolean", description: "Verified", default: true },
      },
      required: [],
    },
  );

  const titled = (prefix: string) =>
    ["value1", "value2", "value3"].map((value, i) => ({
      const: value,
      title: `${prefix} ${i + 1}`,
    }));
  elicit("test_elicitation_sep1330_enums", "Elicits every enum form", "Pick options", {
    type: "object",
    properties: {
      untitledSingle: { type: "string", enum: ["option1", "option2", "option3"] },
      titledSingle: { type: "string", oneOf: titled("Option") },
      legacyEnum: {
        type: "string",
        enum: ["opt1", "opt2", "opt3"],
        enumNames: ["Option One", "Option Two", "Option Three"],
      },
      untitledMulti: {
        type: "array",
        minItems: 1,
        maxItems: 3,
        items: { type: "string", enum: ["option1", "option2", "option3"] },
      },
      titledMulti: { type: "array", minItems: 1, maxItems: 3, items: { anyOf: titled("Choice") } },
    },
    required: [],
  });

  server.registerTool("json_schema_2020_12_tool", {
    description: "Declares its input with JSON Schema 2020-12 keywords",
    inputSchema: {
      name: z.string().optional(),
      address: z.object({ street: z.string().optional(), city: z.string().optional() }).optional(),
    },
  }, (args) => Promise.resolve(text(`Called with ${JSON.stringify(args)}`)));
  keepRawSchema(server, "json_schema_2020_12_tool", SCHEMA_2020_12);
}

/** Makes `tools/list` show a hand-written JSON Schema for one tool (zod output drops `$defs`). */
function keepRawSchema(server: McpServer, name: string, schema: Record<string, unknown>): void {
  type Handler = (request: unknown, extra: unknown) => Promise<{ tools: { name: string }[] }>;
  const handlers = (server.server as unknown as { _requestHandlers: Map<string, Handler> })
    ._requestHandlers;
  const original = handlers.get("tools/list");
  if (!original) throw new Error("tools/list handler missing");
  server.server.setRequestHandler(ListToolsRequestSchema, async (request, extra) => {
    const result = await original(request, extra);
    return {
      ...result,
      tools: result.tools.map((tool) =>
        tool.name === name ? { ...tool, inputSchema: schema } : tool
      ),
    } as never;
  });
}

function registerResources(server: McpServer): void {
  const fixed = (
    name: string,
    uri: string,
    mimeType: string,
    body: { text: string } | { blob: string },
  ) =>
    server.registerResource(name, uri, {
      title: name,
      description: `Fixture resource ${name}`,
      mimeType,
    }, () => Promise.resolve({ contents: [{ uri, mimeType, ...body }] }));
  fixed("static-text", "test://static-text", "text/plain", {
    text: "This is the content of the static text resource.",
  });
  fixed("static-binary", "test://static-binary", "image/png", { blob: PNG });
  fixed("watched-resource", "test://watched-resource", "text/plain", { text: "Watched content" });
  server.registerResource(
    "template",
    new ResourceTemplate("test://template/{id}/data", { list: undefined }),
    { title: "Template", description: "Data for an id", mimeType: "application/json" },
    (uri, variables) =>
      Promise.resolve({
        contents: [{
          uri: uri.toString(),
          mimeType: "application/json",
          text: JSON.stringify({
            id: variables.id,
            templateTest: true,
            data: `Data for ID: ${variables.id}`,
          }),
        }],
      }),
  );
  const subscriptions = new Set<string>();
  server.server.setRequestHandler(SubscribeRequestSchema, (request) => {
    subscriptions.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    subscriptions.delete(request.params.uri);
    return {};
  });
}

function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    "test_simple_prompt",
    { description: "A prompt without arguments" },
    () => ({
      messages: [{
        role: "user",
        content: { type: "text", text: "This is a simple prompt for testing." },
      }],
    }),
  );
  server.registerPrompt("test_prompt_with_arguments", {
    description: "A prompt with two required arguments",
    argsSchema: {
      arg1: completable(
        z.string().describe("First argument"),
        (value) => ["hello", "help", "world"].filter((word) => word.startsWith(value)),
      ),
      arg2: z.string().describe("Second argument"),
    },
  }, ({ arg1, arg2 }) => ({
    messages: [{
      role: "user",
      content: { type: "text", text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` },
    }],
  }));
  server.registerPrompt("test_prompt_with_embedded_resource", {
    description: "A prompt that embeds a resource",
    argsSchema: { resourceUri: z.string().describe("URI of the resource to embed") },
  }, ({ resourceUri }) => ({
    messages: [
      {
        role: "user",
        content: {
          type: "resource",
          resource: { uri: resourceUri, mimeType: "text/plain", text: "Embedded resource text." },
        },
      },
      { role: "user", content: { type: "text", text: "Use the resource above." } },
    ],
  }));
  server.registerPrompt(
    "test_prompt_with_image",
    { description: "A prompt with an image" },
    () => ({
      messages: [
        { role: "user", content: { type: "image", data: PNG, mimeType: "image/png" } },
        { role: "user", content: { type: "text", text: "Describe the image above." } },
      ],
    }),
  );
}
