/**
 * The words of Xano errors: next steps naming the MCP tools, target
 * descriptions, and what can be read out of Xano's error bodies (its message,
 * a XanoScript line and column). Used by `errors.ts`, which re-exports the
 * public parts.
 *
 * @module
 */

import type { XanoTarget } from "./errors.ts";

/**
 * The MCP tools that list each kind of object, named in next steps. Kinds
 * without a listing tool get a next step without a tool name.
 */
export const NEXT_STEP_TOOLS: Readonly<Partial<Record<XanoTarget["kind"], string>>> = {
  workspace: "xano_list_databases",
  table: "xano_list_tables",
  field: "xano_get_table_schema",
  record: "xano_browse_table_content",
  api_group: "xano_list_api_groups",
  api: "xano_list_apis",
  function: "xano_list_functions",
  instance: "xano_list_instances",
};

/** Finds a 1-based line/column in Xano's error payload or message. */
export function findPosition(
  body: unknown,
  message = upstreamMessage(body),
): { line: number; column: number } | undefined {
  for (const candidate of [body, record(body)?.payload, record(record(body)?.payload)?.error]) {
    const r = record(candidate);
    const line = Number(r?.line ?? r?.lineNumber);
    const column = Number(r?.column ?? r?.col ?? r?.columnNumber ?? 1);
    if (Number.isInteger(line) && line > 0 && Number.isInteger(column) && column > 0) {
      return { line, column };
    }
  }
  if (!message) return undefined;
  const words = /line\s*:?\s*(\d+)(?:\s*,?\s*(?:column|col)\s*:?\s*(\d+))?/i.exec(message);
  if (words) return { line: Number(words[1]), column: Number(words[2] ?? 1) };
  const pair = /(?:^|[\s(\[:])(\d+):(\d+)(?:$|[\s)\]:,])/.exec(message);
  return pair ? { line: Number(pair[1]), column: Number(pair[2]) } : undefined;
}

/** Xano's human message from an error body (`{code, message, payload}`) or plain text. */
export function upstreamMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() ? trim(body.trim(), 300) : undefined;
  const r = record(body);
  const text = r?.message ?? r?.error ?? record(r?.payload)?.message;
  return typeof text === "string" && text.trim() ? trim(text.trim(), 300) : undefined;
}

/** `" 42 in workspace 1"`-style suffix for messages. */
export function describeTarget(target: XanoTarget | undefined): string {
  if (!target) return "";
  const parts: string[] = [];
  if (target.id !== undefined) parts.push(`"${target.id}"`);
  if (target.tableId !== undefined && target.kind !== "table") {
    parts.push(`in table ${target.tableId}`);
  }
  if (target.apiGroupId !== undefined && target.kind !== "api_group") {
    parts.push(`in API group ${target.apiGroupId}`);
  }
  if (target.workspaceId !== undefined && target.kind !== "workspace") {
    parts.push(`in workspace ${target.workspaceId}`);
  }
  return parts.length ? ` ${parts.join(" ")}` : "";
}

/** `table "42" or workspace 1`: what a 404 says is missing. */
export function notFoundSubject(target: XanoTarget | undefined): string {
  if (!target) return "the resource";
  const noun = target.kind.replace("_", " ");
  const name = target.id === undefined ? noun : `${noun} "${target.id}"`;
  if (target.kind !== "workspace" && target.workspaceId !== undefined) {
    return `${name} or workspace ${target.workspaceId}`;
  }
  return name;
}

/** The next step after a 404: which list tool to call. */
export function notFoundNextStep(target: XanoTarget | undefined): string {
  const ws = target?.workspaceId;
  const inWs = ws === undefined ? "" : ` with workspace_id ${ws}`;
  const call = (kind: XanoTarget["kind"], args: string, what: string) => {
    const tool = NEXT_STEP_TOOLS[kind];
    return tool ? `Call ${tool}${args} to see ${what}` : `List them${args} to see ${what}`;
  };
  switch (target?.kind) {
    case "workspace":
      return call("workspace", "", "valid workspace ids");
    case "table":
      return call("table", inWs, "valid table ids");
    case "field":
      return call("field", ` for table ${target.tableId}`, "its field names");
    case "index":
      return `Read table ${target.tableId}'s indexes again to see their current ids`;
    case "record":
      return call("record", ` for table ${target.tableId}`, "existing record ids");
    case "api_group":
      return call("api_group", inWs, "valid API group ids");
    case "api":
      return call("api", ` for API group ${target.apiGroupId}`, "valid endpoint ids");
    case "function":
      return call("function", inWs, "valid function ids");
    case "task":
      return `Check the task id${
        ws === undefined ? "" : ` in workspace ${ws}`
      }; the task may have been deleted`;
    case "instance":
      return call("instance", "", "the instances this account can reach");
    default:
      return `${call("workspace", "", "valid workspace ids")}, then the matching list tool`;
  }
}

/** The value as a plain object, or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/** Collapses whitespace and cuts `text` to `max` characters. */
export function trim(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
