/**
 * Builds one `McpServer` for one connection: the tools its grant and URL allow,
 * each wrapped with the policy checks (toolset, read-only, scope, confirmation
 * of destructive calls), error classification and output bounds, plus
 * whatever resources and prompts the caller registers.
 *
 * @module
 */

import type { Logger } from "../lib/log.ts";
import {
  CONFIRM_SCHEMA,
  sharedSchemaValidator,
  toolDefinition,
  toolIndex,
  type ToolRegistration,
  toolRegistration,
} from "./catalog.ts";
import type { ConfirmationStore } from "./confirmation.ts";
import {
  type AnyTool,
  type Selection,
  selectTools,
  type ToolContext,
  unavailableReason,
} from "./inventory.ts";
import { fail, toCallToolResult, type ToolFailure, type ToolOutcome, truncate } from "./result.ts";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  getParseErrorMessage,
  ListToolsRequestSchema,
  LoggingLevelSchema,
  McpError,
  McpServer,
  type RequestHandlerExtra,
  safeParseAsync,
  type ServerNotification,
  type ServerRequest,
  SetLevelRequestSchema,
} from "./sdk_server.ts";

/** Server name and version announced in `initialize`. */
export const SERVER_INFO = { name: "xano-mcp", title: "Xano MCP", version: "0.1.0" } as const;

/** Longest text a tool result may carry; longer output is cut with a note. */
export const MAX_RESULT_TEXT = 24_000;

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** MCP log levels, least severe first (the SDK's own list, in RFC 5424 severity order). */
export const LOG_LEVELS: readonly string[] = LoggingLevelSchema.options;

/** Registers extra features (resources, prompts, fixtures) on a server. */
export type ServerExtension = (server: McpServer) => void;

/** Options of {@link createMcpServer}. */
export interface CreateMcpServerOptions<D> {
  readonly tools: readonly AnyTool<D>[];
  readonly deps: D;
  readonly selection: Selection;
  /** Binds confirmation tokens to the grant. */
  readonly grantId: string;
  readonly confirmations: ConfirmationStore;
  readonly logger: Logger;
  /** Turns a known upstream error into an expected failure. */
  readonly classifyError?: (error: unknown) => ToolFailure | undefined;
  readonly extensions?: readonly ServerExtension[];
  readonly instructions?: string;
  /** Told about every tool call once it has an answer (audit trail, usage, metrics). */
  readonly onToolCall?: ToolCallObserver;
}

/** How a tool call ended, as observers see it. */
export type ToolCallOutcome = "ok" | "tool_error" | "error" | "denied";

/** One finished tool call. */
export interface ToolCallEvent {
  readonly tool: string;
  /** The arguments without `confirmation_token`. */
  readonly args: Record<string, unknown>;
  /** `tool_error`: an expected failure; `error`: an unexpected fault; `denied`: not available. */
  readonly outcome: ToolCallOutcome;
  readonly durationMs: number;
  /** The failure message shown to the model, when the call failed. */
  readonly error?: string;
  /** The structured answer of a successful call. */
  readonly data?: Record<string, unknown>;
}

/** Receives {@link ToolCallEvent}s; its failures are logged, never shown to the client. */
export type ToolCallObserver = (event: ToolCallEvent) => void | Promise<void>;

/**
 * Creates the server for one connection.
 *
 * @example
 * ```ts
 * const server = createMcpServer({ tools: ALL_TOOLS, deps, selection, grantId, confirmations, logger });
 * await server.connect(transport);
 * ```
 */
export function createMcpServer<D>(options: CreateMcpServerOptions<D>): McpServer {
  const server = new McpServer(SERVER_INFO, {
    capabilities: { tools: { listChanged: true }, logging: {}, completions: {} },
    instructions: options.instructions,
    jsonSchemaValidator: sharedSchemaValidator,
  });
  // The session's `logging/setLevel` (one server per session): tools' log messages below it
  // are not sent. Unset, everything is.
  let logLevel = 0;
  server.server.setRequestHandler(SetLevelRequestSchema, (request) => {
    logLevel = Math.max(0, LOG_LEVELS.indexOf(request.params.level));
    return {};
  });
  if (options.tools.length > 0) {
    serveTools(server, options, {
      context: (extra) => context(extra, () => logLevel),
      ask: (message, extra) =>
        server.server.getClientCapabilities()?.elicitation
          ? askUser(server, message, extra)
          : Promise.resolve("unavailable"),
    });
  }
  for (const extend of options.extensions ?? []) extend(server);
  return server;
}

/**
 * Answers `tools/list` and `tools/call` from the process-wide catalog
 * (`mcp/catalog.ts`) instead of registering every tool on every session's
 * server: the SDK's `McpServer` keeps a registration with its own closures
 * per tool and server and converts every input and output schema to JSON
 * Schema on every `tools/list`, which for a few dozen tools was about half of
 * a session's memory. Calls are checked as the SDK checks them (input against
 * the tool's schema, structured output against its output schema, failures
 * as `isError` results with the SDK's messages). A tool the selection leaves
 * out is refused by `runTool` with the reason, and reported as `denied`.
 *
 * Used when the server has product tools; a server without them (the
 * conformance fixtures) keeps the SDK's own tool handlers for the tools its
 * extensions register.
 */
function serveTools<D>(
  server: McpServer,
  options: CreateMcpServerOptions<D>,
  runtime: ToolRuntime<Extra>,
): void {
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: selectTools(options.tools, options.selection).map(toolDefinition),
  }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: rawArgs = {} } = request.params;
    const tool = toolIndex(options.tools).get(name);
    if (!tool) return invalidCall(`Tool ${name} not found`);
    const handler = toolHandler(tool, options, runtime);
    try {
      if (unavailableReason(tool, options.selection)) return await handler(rawArgs, extra);
      const { inputSchema, outputSchema } = toolRegistration(tool);
      const input = await safeParseAsync(inputSchema, rawArgs);
      if (!input.success) {
        return invalidCall(
          `Input validation error: Invalid arguments for tool ${name}: ${
            getParseErrorMessage(input.error)
          }`,
        );
      }
      const result = await handler(input.data, extra);
      if (result.isError) return result;
      if (!result.structuredContent) {
        return invalidCall(
          `Output validation error: Tool ${name} has an output schema but no structured content was provided`,
        );
      }
      const output = await safeParseAsync(outputSchema, result.structuredContent);
      if (!output.success) {
        return invalidCall(
          `Output validation error: Invalid structured content for tool ${name}: ${
            getParseErrorMessage(output.error)
          }`,
        );
      }
      return result;
    } catch (error) {
      return errorResult(error instanceof Error ? error.message : String(error));
    }
  });
}

function invalidCall(message: string): CallToolResult {
  return errorResult(new McpError(ErrorCode.InvalidParams, message).message);
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

export type { ToolRegistration };

/** A server tools are registered on; `X` is its per-call context. */
export interface ToolHost<X> {
  registerTool(
    name: string,
    config: ToolRegistration,
    cb: (args: Record<string, unknown>, extra: X) => Promise<CallToolResult>,
  ): unknown;
}

/** How an SDK's per-call context reaches the tools. */
export interface ToolRuntime<X> {
  context(extra: X): ToolContext;
  /** Asks the user to confirm a destructive call; `unavailable` falls back to a confirmation token. */
  ask(message: string, extra: X): Promise<"yes" | "no" | "unavailable">;
}

/**
 * Registers the tools the selection allows, each wrapped with the policy
 * checks, on a server that keeps its own registrations (the 2026-era v2 SDK
 * server, built per request).
 */
export function registerTools<D, X>(
  host: ToolHost<X>,
  options: CreateMcpServerOptions<D>,
  runtime: ToolRuntime<X>,
): void {
  for (const tool of selectTools(options.tools, options.selection)) {
    host.registerTool(tool.name, toolRegistration(tool), toolHandler(tool, options, runtime));
  }
}

/**
 * What a call of `tool` runs after the SDK-level checks: the policy checks
 * (the selection's toolsets, read-only mode and scopes; confirmation of
 * destructive calls) and the tool, reported to `options.onToolCall`. The one place both
 * protocol eras run tools.
 */
function toolHandler<D, X>(
  tool: AnyTool<D>,
  options: CreateMcpServerOptions<D>,
  runtime: ToolRuntime<X>,
): (args: Record<string, unknown>, extra: X) => Promise<CallToolResult> {
  return (args, extra) =>
    observed(tool, args, options, () => runTool(tool, args, { extra, options, runtime }));
}

interface CallEnv<D, X> {
  readonly extra: X;
  readonly options: CreateMcpServerOptions<D>;
  readonly runtime: ToolRuntime<X>;
}

async function runTool<D, X>(
  tool: AnyTool<D>,
  rawArgs: Record<string, unknown>,
  env: CallEnv<D, X>,
): Promise<CallToolResult> {
  const { options } = env;
  const reason = unavailableReason(tool, options.selection);
  if (reason) {
    return toCallToolResult(fail(`Tool "${tool.name}" is not available: ${reason}`));
  }
  const { confirmation_token: token, ...args } = rawArgs;
  try {
    if (tool.annotations.destructiveHint) {
      const gate = await confirm(tool, args, typeof token === "string" ? token : undefined, env);
      if (gate) return toCallToolResult(gate);
    }
    const outcome: ToolOutcome<unknown> = await tool.handler(
      args,
      options.deps,
      env.runtime.context(env.extra),
    );
    return bounded(toCallToolResult(outcome));
  } catch (error) {
    const known = options.classifyError?.(error);
    if (known) return toCallToolResult(known);
    const ref = crypto.randomUUID().slice(0, 8);
    options.logger.error("tool failed", { tool: tool.name, ref, error: String(error) });
    const result = toCallToolResult(
      fail(
        `Tool "${tool.name}" failed unexpectedly (reference ${ref})`,
        "Retry once; if it fails again, report the reference to the server operator",
      ),
    );
    unexpected.add(result);
    return result;
  }
}

/** Results of unexpected faults, so observers can tell them from expected failures. */
const unexpected = new WeakSet<CallToolResult>();

/** Runs a tool call and reports it to `options.onToolCall`, if set. */
async function observed<D>(
  tool: AnyTool<D>,
  rawArgs: Record<string, unknown>,
  options: CreateMcpServerOptions<D>,
  run: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  const observer = options.onToolCall;
  if (!observer) return await run();
  const started = performance.now();
  const result = await run();
  const { confirmation_token: _token, ...args } = rawArgs;
  const outcome: ToolCallOutcome = !result.isError
    ? "ok"
    : unexpected.has(result)
    ? "error"
    : unavailableReason(tool, options.selection)
    ? "denied"
    : "tool_error";
  const first = result.content[0];
  try {
    await observer({
      tool: tool.name,
      args,
      outcome,
      durationMs: performance.now() - started,
      ...(result.isError && first?.type === "text" ? { error: first.text.split("\n")[0] } : {}),
      ...(!result.isError && result.structuredContent ? { data: result.structuredContent } : {}),
    });
  } catch (error) {
    options.logger.error("tool call observer failed", { tool: tool.name, error: String(error) });
  }
  return result;
}

/** Returns a failure to send back instead of running the tool, or `undefined` to proceed. */
async function confirm<D, X>(
  tool: AnyTool<D>,
  args: Record<string, unknown>,
  token: string | undefined,
  env: CallEnv<D, X>,
): Promise<ToolFailure | undefined> {
  const { confirmations, grantId, deps } = env.options;
  if (token !== undefined) {
    if (await confirmations.redeem(grantId, tool.name, args, token)) return undefined;
    return fail(
      "The confirmation token is invalid, expired, already used, or was issued for other arguments",
      `Call ${tool.name} again without confirmation_token to get a fresh preview`,
    );
  }
  const preview = await tool.preview!(args, deps);
  const answer = await env.runtime.ask(`${preview}\n\nThis cannot be undone. Proceed?`, env.extra);
  if (answer === "yes") return undefined;
  if (answer === "no") {
    return fail(
      `Cancelled: the user did not confirm ${tool.name}`,
      "Do not retry unless the user asks for it again",
    );
  }
  const issued = await confirmations.issue(grantId, tool.name, args);
  return fail(
    `Confirmation required. ${preview}`,
    `Show this to the user. Only if they agree, call ${tool.name} again with the same arguments and confirmation_token "${issued.token}" (valid 5 minutes, single use)`,
    { confirmation_required: true, confirmation_token: issued.token, preview },
  );
}

async function askUser(
  server: McpServer,
  message: string,
  extra: Extra,
): Promise<"yes" | "no" | "unavailable"> {
  try {
    const result = await server.server.elicitInput({
      mode: "form",
      message,
      requestedSchema: CONFIRM_SCHEMA,
    }, { relatedRequestId: extra.requestId, signal: extra.signal, timeout: 120_000 });
    return result.action === "accept" && result.content?.confirm === true ? "yes" : "no";
  } catch {
    return "unavailable";
  }
}

function context(extra: Extra, logLevel: () => number): ToolContext {
  const progressToken = extra._meta?.progressToken;
  return {
    signal: extra.signal,
    async progress(done, total, message) {
      if (progressToken === undefined) return;
      await extra.sendNotification({
        method: "notifications/progress",
        params: { progressToken, progress: done, total, message },
      });
    },
    async log(level, message) {
      if (LOG_LEVELS.indexOf(level) < logLevel()) return;
      await extra.sendNotification({
        method: "notifications/message",
        params: { level, logger: "xano-mcp", data: message },
      });
    },
  };
}

function bounded(result: CallToolResult): CallToolResult {
  const content = result.content.map((block) =>
    block.type === "text" && block.text.length > MAX_RESULT_TEXT
      ? {
        ...block,
        text: `${
          truncate(block.text, MAX_RESULT_TEXT)
        }\n[output cut at ${MAX_RESULT_TEXT} characters; ask for a smaller page]`,
      }
      : block
  );
  return { ...result, content };
}
