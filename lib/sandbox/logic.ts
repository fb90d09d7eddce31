/**
 * Endpoints, functions and tasks as stored records: building them from JSON
 * or from an accepted XanoScript object, and their JSON shape. Objects
 * created from JSON have no source of their own; their XanoScript is printed
 * on read.
 *
 * @module
 */

import type { SandboxContext } from "./context.ts";
import { type Input, type Logic, type LogicKind, metaTime } from "./model.ts";
import { renderLogic } from "./render.ts";
import type { ScriptField, ScriptObject } from "./xanoscript.ts";

/** The XanoScript kind of each stored logic kind. */
export const SCRIPT_KIND: Readonly<Record<LogicKind, string>> = {
  api: "query",
  function: "function",
  task: "task",
};

/** Inputs as the Metadata API lists them, from script fields. */
export function scriptInputs(fields: readonly ScriptField[]): Input[] {
  return fields.map((f) => ({
    name: f.name,
    type: f.type,
    description: "",
    nullable: f.nullable,
    default: "",
    required: !f.optional,
    access: "public",
    sensitive: false,
    style: f.list ? "list" : "single",
  }));
}

/** The fields a script decides, to merge over a new or existing record. */
export function fromScript(
  object: ScriptObject,
  source: string,
): Pick<Logic, "name" | "description" | "input" | "source"> & Partial<Logic> {
  const attributes = object.attributes ?? {};
  return {
    name: object.name,
    description: object.description ?? "",
    input: scriptInputs(object.inputs ?? []),
    source,
    ...(object.verb ? { verb: object.verb } : {}),
    auth: object.auth,
    ...(attributes.active === undefined ? {} : { active: attributes.active === "true" }),
    ...(attributes.datasource === undefined ? {} : { datasource: attributes.datasource }),
    draft: undefined,
  };
}

/** A new record with Xano's defaults; `fields` override them. */
export function newLogic(
  ctx: SandboxContext,
  base: { id: number; kind: LogicKind; workspaceId: number; apigroupId?: number },
  fields: Partial<Logic>,
): Logic {
  const now = ctx.clock.now();
  return {
    id: base.id,
    kind: base.kind,
    workspace_id: base.workspaceId,
    ...(base.apigroupId === undefined ? {} : { apigroup_id: base.apigroupId }),
    created_at: now,
    updated_at: now,
    name: "",
    description: "",
    docs: "",
    guid: ctx.ids(),
    tag: [],
    input: [],
    cache: base.kind === "task" ? {} : { active: false, ttl: 3600 },
    ...(base.kind === "api" ? { verb: "GET" } : {}),
    ...(base.kind === "task" ? { active: false, datasource: "live" } : {}),
    ...fields,
  } as Logic;
}

/** The JSON shape of an endpoint, function or task. */
export function presentLogic(
  logic: Logic,
  options: { xanoscript: boolean; draft?: boolean; groupName?: string },
): Record<string, unknown> {
  const source = logic.source ?? renderLogic(logic, options.groupName);
  const shown = options.draft && logic.draft ? logic.draft : source;
  return {
    id: logic.id,
    created_at: metaTime(logic.created_at),
    updated_at: metaTime(logic.updated_at),
    name: logic.name,
    description: logic.description,
    docs: logic.docs,
    guid: logic.guid,
    tag: logic.tag,
    branch: "v1",
    ...(logic.kind === "api"
      ? {
        apigroup_id: logic.apigroup_id,
        verb: logic.verb,
        auth: logic.auth ? { name: logic.auth } : {},
        input: logic.input,
        cache: logic.cache,
      }
      : {}),
    ...(logic.kind === "function" ? { input: logic.input, cache: logic.cache } : {}),
    ...(logic.kind === "task"
      ? { active: logic.active ?? false, datasource: logic.datasource ?? "live" }
      : {}),
    ...(options.draft ? { has_draft: logic.draft !== undefined } : {}),
    ...(options.xanoscript ? { xanoscript: { status: "ok", value: shown } } : {}),
  };
}
