/**
 * Entry points of the fluent SDK: `create` (endpoint), `createFunction`,
 * `createTask`; tables and API groups live in `schema_builders.ts`.
 *
 * @module
 */

import type { Diagnostic } from "../diagnostics.ts";
import { LogicBuilder, ROOT, type State } from "./builder.ts";
import { diagnostic } from "./diagnostic.ts";
import { VERBS } from "./names.ts";

function start(kind: State["kind"], name: string, verb?: string): LogicBuilder {
  const diagnostics: Diagnostic[] = [];
  if (typeof name !== "string" || name.trim() === "") {
    diagnostics.push(diagnostic("SDK_BAD_NAME", `A ${kind} needs a non-empty name`));
  }
  if (kind === "query" && !VERBS.has(String(verb))) {
    diagnostics.push(
      diagnostic(
        "SDK_BAD_VERB",
        `Verb ${JSON.stringify(verb)} is not GET, POST, PUT, PATCH or DELETE`,
      ),
    );
  }
  return new LogicBuilder({
    kind,
    name: String(name ?? ""),
    ...(kind === "query" ? { verb: String(verb ?? "GET").toUpperCase() } : {}),
    settings: [],
    input: [],
    frames: [ROOT],
    diagnostics,
  });
}

/** Starts an endpoint: `query <name> verb=<VERB>`. */
export function create(name: string, verb: string = "GET"): LogicBuilder {
  return start("query", name, verb);
}

/** Starts a custom function. */
export function createFunction(name: string): LogicBuilder {
  return start("function", name);
}

/** Starts a scheduled task. */
export function createTask(name: string): LogicBuilder {
  return start("task", name);
}
