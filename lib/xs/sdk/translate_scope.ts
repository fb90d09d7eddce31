/**
 * Shared state and diagnostics helpers of the SDK translator: the scope of one
 * translation, the names that reach the host, and positioned rejections.
 *
 * @module
 */

import type * as acorn from "acorn";
import type { Diagnostic, Fix } from "../diagnostics.ts";
import { diagnostic } from "./diagnostic.ts";
import type { CallIR, Pos } from "./ir.ts";
import type { SdkValue } from "./values.ts";

/** Shared state of one translation. */
export interface Scope {
  readonly fix: boolean;
  readonly diagnostics: Diagnostic[];
  readonly fixes: Fix[];
  /** `const NAME = <literal>` bindings, inlined when fixing. */
  readonly constants: Map<string, SdkValue>;
  /** Names bound to builders (not usable as values). */
  readonly builders: Set<string>;
  /** Parses a callback body into calls on its parameter. */
  readonly callback: (node: acorn.Function, param: string) => readonly CallIR[] | undefined;
  readonly source: string;
}

/** Names that mean "trying to reach the host"; reported with a specific message. */
export const FORBIDDEN_GLOBALS: ReadonlySet<string> = new Set([
  "globalThis",
  "window",
  "self",
  "global",
  "process",
  "Deno",
  "require",
  "module",
  "exports",
  "fetch",
  "eval",
  "Function",
  "setTimeout",
  "setInterval",
  "console",
  "XMLHttpRequest",
  "Worker",
  "WebSocket",
  "Bun",
  "navigator",
  "document",
  "localStorage",
  "import",
  "Reflect",
  "Proxy",
]); // deno-fmt-ignore

/** Member names that lead to the prototype chain. */
export const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set([
  "constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__",
  "__lookupGetter__", "__lookupSetter__",
]); // deno-fmt-ignore

/** Names of an expression's position. */
export function posOf(node: acorn.Node): Pos {
  const loc = node.loc!.start;
  return { line: loc.line, column: loc.column + 1 };
}

/** Records a diagnostic at `node`. */
export function reject(
  scope: Scope,
  node: acorn.Node,
  code: string,
  message: string,
  fix?: string,
): undefined {
  const { line, column } = posOf(node);
  const end = node.loc!.end;
  scope.diagnostics.push({
    ...diagnostic(code, message, { fix, line, column }),
    endLine: end.line,
    endColumn: end.column + 1,
  });
  return undefined;
}

/** Records an `SDK_FORBIDDEN_GLOBAL` diagnostic for `name` at `node`. */
export function forbidGlobal(
  scope: Scope,
  node: acorn.Node,
  name: string,
  hint = "SDK code is translated, never run",
): undefined {
  return reject(
    scope,
    node,
    "SDK_FORBIDDEN_GLOBAL",
    `"${name}" is not available in SDK code`,
    hint,
  );
}

/** Records an `SDK_NOT_WHITELISTED` diagnostic at `node`. */
export function notAllowed(
  scope: Scope,
  node: acorn.Node,
  message: string,
  hint?: string,
): undefined {
  return reject(scope, node, "SDK_NOT_WHITELISTED", message, hint);
}

/** The source text of `node`, shortened for fix reports. */
export function snippet(scope: Scope, node: acorn.Node): string {
  const text = scope.source.slice(node.start, node.end).replace(/\s+/g, " ");
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Records a fix that rewrote the source of `node` as `after`. */
export function noteFix(scope: Scope, node: acorn.Node, rule: string, after: string): void {
  scope.fixes.push({ rule, before: snippet(scope, node), after, line: posOf(node).line });
}

/** A readable name for an AST node type: `WhileStatement` → `A while statement`. */
export function describe(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `${/^[aeiou]/.test(words) ? "An" : "A"} ${words}`;
}
