/**
 * Tools as data. A tool is a {@link ToolDefinition}: name, toolset, a
 * description written for a model, zod input and output schemas, annotations,
 * the scope it needs and a handler. Toolsets, read-only mode and scopes are
 * filters over that data ({@link selectTools}); there is no second list of
 * "write tools" anywhere.
 *
 * @module
 */

import type { z } from "zod";
import type { Scope } from "../lib/auth/types.ts";
import type { ToolOutcome } from "./result.ts";

/** The toolsets, in the order they are listed. */
export const TOOLSET_IDS = [
  "instances",
  "tables",
  "schema",
  "records",
  "apis",
  "code",
  "templates",
  "ops",
  "debug",
] as const;

/** A toolset id. */
export type ToolsetId = (typeof TOOLSET_IDS)[number];

/** What a toolset is for, and whether it is on when a grant names none. */
export interface ToolsetInfo {
  readonly id: ToolsetId;
  readonly description: string;
  readonly defaultOn: boolean;
}

/** Toolset metadata, shown on consent screens and in `analyze_workspace`. */
export const TOOLSETS: readonly ToolsetInfo[] = [
  { id: "instances", description: "Xano instances and workspaces", defaultOn: true },
  {
    id: "tables",
    description: "Database tables: list, inspect, create, change, delete",
    defaultOn: true,
  },
  { id: "schema", description: "Table fields: inspect, add, rename, delete", defaultOn: true },
  {
    id: "records",
    description: "Table rows: browse, search, create, update, delete, bulk",
    defaultOn: true,
  },
  { id: "apis", description: "API groups, endpoints and functions", defaultOn: true },
  {
    id: "code",
    description: "Compile, validate and deploy SDK code and XanoScript",
    defaultOn: true,
  },
  { id: "templates", description: "Ready-made CRUD, auth and Stripe backends", defaultOn: true },
  { id: "ops", description: "Workspace analysis and request history", defaultOn: true },
  {
    id: "debug",
    description: "Connection diagnostics (only when the server enables them)",
    defaultOn: false,
  },
];

/** The four behaviour hints every tool states explicitly (no reliance on defaults). */
export interface ToolHints {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/** What a handler may use besides its arguments: progress, logs, cancellation. */
export interface ToolContext {
  readonly signal: AbortSignal;
  /** Reports progress when the client asked for it; a no-op otherwise. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  /** Sends a log notification at the session's log level. */
  log(level: "debug" | "info" | "warning" | "error", message: string): Promise<void>;
}

/** One tool. `D` is the dependency bag its toolset's handlers receive. */
export interface ToolDefinition<
  D = unknown,
  I extends z.ZodRawShape = z.ZodRawShape,
  O extends z.ZodRawShape = z.ZodRawShape,
> {
  /** 1–128 characters of `A-Za-z0-9_.-`, unique. */
  readonly name: string;
  readonly toolset: ToolsetId;
  readonly title: string;
  /** Written for a model: when to use it, what it returns, what to call next. */
  readonly description: string;
  readonly input: I;
  readonly output: O;
  readonly annotations: ToolHints;
  /** The scope a grant needs to see and call this tool. */
  readonly scope: Scope;
  /**
   * For destructive tools: a short description of what the call would do,
   * shown in the confirmation prompt or preview.
   */
  preview?(args: z.infer<z.ZodObject<I>>, deps: D): Promise<string>;
  handler(
    args: z.infer<z.ZodObject<I>>,
    deps: D,
    ctx: ToolContext,
  ): Promise<ToolOutcome<z.infer<z.ZodObject<O>>>>;
}

/** A tool with its types erased, as stored in lists. */
// deno-lint-ignore no-explicit-any
export type AnyTool<D = any> = ToolDefinition<D, any, any>;

/**
 * Declares a tool; the identity function that gives the handler its types.
 *
 * @example
 * ```ts
 * export const listTables = defineTool<XanoToolDeps, typeof input, typeof output>({ ... });
 * ```
 */
export function defineTool<D, I extends z.ZodRawShape, O extends z.ZodRawShape>(
  definition: ToolDefinition<D, I, O>,
): ToolDefinition<D, I, O> {
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(definition.name)) {
    throw new TypeError(`Tool name "${definition.name}" must be 1-128 characters of A-Za-z0-9_.-`);
  }
  if (definition.annotations.destructiveHint && !definition.preview) {
    throw new TypeError(`Destructive tool "${definition.name}" needs a preview`);
  }
  return definition;
}

/** Which tools a session may see and call. */
export interface Selection {
  /** Only tools with `readOnlyHint: true`. */
  readonly readOnly: boolean;
  /** Enabled toolsets; `undefined` means the default ones. */
  readonly toolsets?: readonly string[];
  /** Granted scopes; `undefined` means no scope filter (stdio, conformance). */
  readonly scopes?: readonly Scope[];
  /** Whether the server allows the debug toolset at all. */
  readonly debugEnabled?: boolean;
}

/** The toolset ids a selection enables, in canonical order. */
export function enabledToolsets(selection: Selection): ToolsetId[] {
  const wanted = selection.toolsets;
  return TOOLSETS.filter((set) => {
    if (set.id === "debug" && !selection.debugEnabled) return false;
    return wanted === undefined ? set.defaultOn : wanted.includes(set.id);
  }).map((set) => set.id);
}

/**
 * Filters tools by toolset, read-only mode and scopes.
 *
 * @example
 * ```ts
 * selectTools(ALL_TOOLS, { readOnly: true }); // only tools with readOnlyHint
 * ```
 */
export function selectTools<T extends AnyTool>(tools: readonly T[], selection: Selection): T[] {
  const sets = new Set<string>(enabledToolsets(selection));
  return tools.filter((tool) =>
    sets.has(tool.toolset) &&
    (!selection.readOnly || tool.annotations.readOnlyHint) &&
    (selection.scopes === undefined || selection.scopes.includes(tool.scope))
  );
}

/** Why a tool is not available under a selection, or `undefined` when it is. */
export function unavailableReason(tool: AnyTool, selection: Selection): string | undefined {
  if (!enabledToolsets(selection).includes(tool.toolset)) {
    return `toolset "${tool.toolset}" is not enabled for this connection`;
  }
  if (selection.readOnly && !tool.annotations.readOnlyHint) {
    return "this connection is read-only";
  }
  if (selection.scopes !== undefined && !selection.scopes.includes(tool.scope)) {
    return `it needs the "${tool.scope}" scope, which this connection was not granted`;
  }
  return undefined;
}

/**
 * Parses a comma-separated toolset list (from a URL query or a grant).
 * Returns the ids, or the unknown names.
 */
export function parseToolsets(
  text: string,
): { ok: true; toolsets: ToolsetId[] } | { ok: false; unknown: string[] } {
  const names = text.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const known = new Set<string>(TOOLSET_IDS);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, toolsets: names as ToolsetId[] };
}
