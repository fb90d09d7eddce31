/**
 * The tool inventory as documentation: what the dashboard's docs page lists
 * for every tool (name, toolset, description, hints and a JSON Schema of the
 * input), generated from the same definitions the server registers.
 *
 * @example
 * ```ts
 * const docs = toolDocs(XANO_TOOLS);
 * ```
 * @module
 */

import { z } from "zod";
import type { ToolDoc } from "../lib/web/deps.ts";
import { type AnyTool, TOOLSETS } from "./inventory.ts";

/** Documents `tools` in toolset order, then inventory order. */
export function toolDocs(tools: readonly AnyTool[]): ToolDoc[] {
  const order = new Map(TOOLSETS.map((set, i) => [set.id as string, i]));
  return [...tools]
    .map((tool, index) => ({ tool, index }))
    .sort((a, b) =>
      (order.get(a.tool.toolset) ?? 99) - (order.get(b.tool.toolset) ?? 99) || a.index - b.index
    )
    .map(({ tool }) => ({
      name: tool.name,
      toolset: tool.toolset,
      title: tool.title,
      description: tool.description,
      readOnly: tool.annotations.readOnlyHint,
      destructive: tool.annotations.destructiveHint,
      ...inputSchema(tool),
    }));
}

/** Toolset descriptions by id. */
export function toolsetDescriptions(): Record<string, string> {
  return Object.fromEntries(TOOLSETS.map((set) => [set.id, set.description]));
}

function inputSchema(tool: AnyTool): { inputSchema?: Record<string, unknown> } {
  try {
    return { inputSchema: z.toJSONSchema(z.object(tool.input), { io: "input" }) };
  } catch {
    return {};
  }
}
