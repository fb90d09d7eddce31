/**
 * The conformance fixtures for the 2026-07-28 era, on the v2 SDK server: the
 * same tools, resources and prompts as {@link ./fixtures.ts} where the era
 * keeps them, plus the diagnostic tools the `server-stateless` scenario calls
 * (`test_missing_capability`, `test_streaming_elicitation`, `test_logging_tool`,
 * `test_trigger_tool_change`, `test_trigger_prompt_change`) and the
 * multi-round-trip fixtures of {@link ./fixtures_mrtr.ts}. Registered only by
 * `deno task conformance:serve`, never by the product server.
 *
 * @module
 */

import {
  type CallToolResult,
  completable,
  inputRequired,
  type McpServer,
  type RequestStateCodec,
  ResourceTemplate,
  type ServerContext,
} from "@modelcontextprotocol/server";
import { z } from "zod";
import { registerMrtrFixtures } from "./fixtures_mrtr.ts";

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQm/AfAAJ9Aa5x8yHNAAAAAElFTkSuQmCC";
const WAV = "UklGRigAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQQAAAAAAAAA";

/** Publishes list changes on open `subscriptions/listen` streams. */
export interface FixtureNotifier {
  toolsChanged(): void;
  promptsChanged(): void;
}

/** What the fixtures share across the per-request servers. */
export interface ModernFixtureEnv {
  notify(): FixtureNotifier;
  /** Seals `requestState`; its `verify` must be the server's `requestState.verify`. */
  readonly codec: RequestStateCodec<string>;
}

function text(value: string): CallToolResult {
  return { content: [{ type: "text", text: value }] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const empty = z.object({});

/** Registers every 2026-era fixture on `server`. */
export function registerModernFixtures(server: McpServer, env: ModernFixtureEnv): void {
  server.server.registerCapabilities({
    resources: { listChanged: true },
    prompts: { listChanged: true },
    completions: {},
  });
  registerTools(server, env.notify);
  registerResources(server);
  registerPrompts(server);
  registerMrtrFixtures(server, env.codec);
}

function registerTools(server: McpServer, notify: () => FixtureNotifier): void {
  const plain = (name: string, description: string, run: (ctx: ServerContext) => unknown) =>
    server.registerTool(
      name,
      { description, inputSchema: empty },
      async (_args, ctx) => (await run(ctx)) as CallToolResult,
    );

  plain("test_simple_text", "Returns one text block", () => text("Plain text from the fixture."));
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
  plain(
    "test_error_handling",
    "Always fails with an error result",
    () => ({ ...text("The fixture failed on purpose."), isError: true }),
  );
  plain("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100", async (ctx) => {
    const progressToken = ctx.mcpReq._meta?.progressToken ?? 0;
    for (const progress of [0, 50, 100]) {
      await ctx.mcpReq.notify({
        method: "notifications/progress",
        params: { progressToken, progress, total: 100, message: `${progress}%` },
      });
      await sleep(20);
    }
    return text(String(progressToken));
  });
  plain("test_logging_tool", "Logs three messages at the request's log level", async (ctx) => {
    for (const step of ["started", "working", "finished"]) {
      await ctx.mcpReq.log("info", `Logging fixture ${step}`, "fixture");
    }
    return text("Logged three messages.");
  });
  plain("test_missing_capability", "Needs the client's sampling capability", () =>
    inputRequired({
      inputRequests: {
        answer: inputRequired.createMessage({
          messages: [{ role: "user", content: { type: "text", text: "Say hello" } }],
          maxTokens: 20,
        }),
      },
    }));
  plain("test_streaming_elicitation", "Asks the user through an input-required result", (ctx) => {
    const answer = ctx.mcpReq.inputResponses?.name;
    if (answer) return text(`Received ${JSON.stringify(answer)}`);
    return inputRequired({
      inputRequests: {
        name: inputRequired.elicit({
          message: "What is your name?",
          requestedSchema: {
            type: "object",
            properties: { name: { type: "string", description: "Your name" } },
            required: ["name"],
          },
        }),
      },
    });
  });
  plain("test_trigger_tool_change", "Announces a change of the tool list", () => {
    notify().toolsChanged();
    return text("Tool list change announced.");
  });
  plain("test_trigger_prompt_change", "Announces a change of the prompt list", () => {
    notify().promptsChanged();
    return text("Prompt list change announced.");
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
    argsSchema: z.object({
      arg1: completable(
        z.string().describe("First argument"),
        (value) => ["hello", "help", "world"].filter((word) => word.startsWith(value)),
      ),
      arg2: z.string().describe("Second argument"),
    }),
  }, ({ arg1, arg2 }) => ({
    messages: [{
      role: "user",
      content: { type: "text", text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` },
    }],
  }));
  server.registerPrompt("test_prompt_with_embedded_resource", {
    description: "A prompt that embeds a resource",
    argsSchema: z.object({ resourceUri: z.string().describe("URI of the resource to embed") }),
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
