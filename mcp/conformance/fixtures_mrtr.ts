/**
 * Multi-round-trip (`input_required`) fixtures for the 2026-07-28 conformance
 * scenarios (`input-required-result-*`). `requestState` is sealed by the v2
 * SDK's HMAC codec, whose `verify` the server runs first, so a tampered state
 * is refused with `-32602`. Registered only by
 * `deno task conformance:serve`.
 *
 * @module
 */

import {
  type CallToolResult,
  type InputRequest,
  inputRequired,
  type McpServer,
  type RequestStateCodec,
  type ServerContext,
} from "@modelcontextprotocol/server";
import { z } from "zod";

const empty = z.object({});

function text(value: string): CallToolResult {
  return { content: [{ type: "text", text: value }] };
}

function ask(message: string, field: string): InputRequest {
  return inputRequired.elicit({
    message,
    requestedSchema: {
      type: "object",
      properties: { [field]: { type: "string" } },
      required: [field],
    },
  });
}

const capitalQuestion = () =>
  inputRequired.createMessage({
    messages: [{ role: "user", content: { type: "text", text: "What is the capital of France?" } }],
    maxTokens: 100,
  });

/** Registers the `test_input_required_result_*` tools and prompt on `server`. */
export function registerMrtrFixtures(server: McpServer, codec: RequestStateCodec<string>): void {
  const signer = { sign: (value: string) => codec.mint(value) };
  const tool = (name: string, run: (ctx: ServerContext) => Promise<unknown>) =>
    server.registerTool(
      name,
      { description: `Multi-round-trip fixture ${name}`, inputSchema: empty },
      async (_args, ctx) => (await run(ctx)) as CallToolResult,
    );
  const answered = (ctx: ServerContext, key: string) => ctx.mcpReq.inputResponses?.[key];

  tool("test_input_required_result_elicitation", (ctx) => {
    const answer = answered(ctx, "user_name") as { content?: { name?: string } } | undefined;
    if (!answer) {
      return Promise.resolve(
        inputRequired({ inputRequests: { user_name: ask("What is your name?", "name") } }),
      );
    }
    return Promise.resolve(text(`Hello, ${answer.content?.name ?? "stranger"}!`));
  });
  tool("test_input_required_result_sampling", (ctx) => {
    const answer = answered(ctx, "capital_question");
    if (!answer) {
      return Promise.resolve(
        inputRequired({ inputRequests: { capital_question: capitalQuestion() } }),
      );
    }
    return Promise.resolve(text(`Sampling answered: ${JSON.stringify(answer)}`));
  });
  tool("test_input_required_result_list_roots", (ctx) => {
    const answer = answered(ctx, "client_roots") as { roots?: { uri: string }[] } | undefined;
    if (!answer) {
      return Promise.resolve(
        inputRequired({ inputRequests: { client_roots: inputRequired.listRoots() } }),
      );
    }
    return Promise.resolve(
      text(`Roots: ${(answer.roots ?? []).map((root) => root.uri).join(", ")}`),
    );
  });
  tool("test_input_required_result_request_state", async (ctx) => {
    const state = ctx.mcpReq.requestState<string>();
    if (state === "confirm" && answered(ctx, "confirm")) return text("state-ok: confirmed");
    return inputRequired({
      inputRequests: {
        confirm: inputRequired.elicit({
          message: "Please confirm",
          requestedSchema: {
            type: "object",
            properties: { ok: { type: "boolean" } },
            required: ["ok"],
          },
        }),
      },
      requestState: await signer.sign("confirm"),
    });
  });
  tool("test_input_required_result_multiple_inputs", async (ctx) => {
    const state = ctx.mcpReq.requestState<string>();
    const keys = ["user_name", "greeting", "client_roots"];
    if (state === "multiple" && keys.every((key) => answered(ctx, key))) {
      return text("Received all three inputs.");
    }
    return inputRequired({
      inputRequests: {
        user_name: ask("What is your name?", "name"),
        greeting: inputRequired.createMessage({
          messages: [{ role: "user", content: { type: "text", text: "Generate a greeting" } }],
          maxTokens: 50,
        }),
        client_roots: inputRequired.listRoots(),
      },
      requestState: await signer.sign("multiple"),
    });
  });
  tool("test_input_required_result_multi_round", async (ctx) => {
    const state = ctx.mcpReq.requestState<string>();
    if (state === "round-2" && answered(ctx, "step2")) return text("Both steps answered.");
    if (state === "round-1" && answered(ctx, "step1")) {
      return inputRequired({
        inputRequests: { step2: ask("Step 2: What is your favorite color?", "color") },
        requestState: await signer.sign("round-2"),
      });
    }
    return inputRequired({
      inputRequests: { step1: ask("Step 1: What is your name?", "name") },
      requestState: await signer.sign("round-1"),
    });
  });
  tool("test_input_required_result_tampered_state", async (ctx) => {
    const state = ctx.mcpReq.requestState<string>();
    if (state === "untampered") return text("The state arrived intact.");
    return inputRequired({
      inputRequests: { note: ask("Anything to add?", "note") },
      requestState: await signer.sign("untampered"),
    });
  });
  tool("test_input_required_result_capabilities", (ctx) => {
    const declared = clientCapabilities(ctx);
    const requests: Record<string, InputRequest> = {};
    if (declared.elicitation) requests.user_name = ask("What is your name?", "name");
    if (declared.sampling) requests.capital_question = capitalQuestion();
    if (declared.roots) requests.client_roots = inputRequired.listRoots();
    if (Object.keys(requests).length === 0 || Object.keys(ctx.mcpReq.inputResponses ?? {}).length) {
      return Promise.resolve(text("Nothing the client can answer was needed."));
    }
    return Promise.resolve(inputRequired({ inputRequests: requests }));
  });

  server.registerPrompt("test_input_required_result_prompt", {
    description: "A prompt that asks the user for context first",
  }, (ctx) => {
    const answer = ctx.mcpReq.inputResponses?.user_context as
      | { content?: { context?: string } }
      | undefined;
    if (!answer) {
      return inputRequired({
        inputRequests: { user_context: ask("What context should the prompt use?", "context") },
      }) as never;
    }
    return {
      messages: [{
        role: "user",
        content: { type: "text", text: `Context: ${answer.content?.context ?? "none"}` },
      }],
    };
  });
}

function clientCapabilities(ctx: ServerContext): Record<string, unknown> {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  return (envelope?.["io.modelcontextprotocol/clientCapabilities"] ?? {}) as Record<
    string,
    unknown
  >;
}
