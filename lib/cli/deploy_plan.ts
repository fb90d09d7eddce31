/**
 * Deploy planning: which objects of a XanoScript multidoc will be created,
 * updated or left alone in a workspace, decided by reading what is there
 * (by name, and verb for endpoints) before anything changes.
 *
 * @module
 */

import type { XanoClient } from "../xano/client.ts";
import { splitMultidoc, summarizeXanoScript } from "../xs/mod.ts";

/** The Xano operations a deploy needs. */
export type DeployClient = Pick<
  XanoClient,
  | "getApiGroup"
  | "listApis"
  | "listFunctions"
  | "listTasks"
  | "listTables"
  | "createFromXanoscript"
  | "updateFromXanoscript"
>;

/** What happens to one object. */
export interface PlanStep {
  /** `conflict` stops the whole deploy before anything changes. */
  readonly action: "create" | "update" | "unchanged" | "skip" | "conflict";
  readonly kind: string;
  readonly name: string;
  readonly verb?: string;
  /** The existing object's id (update, unchanged). */
  readonly id?: number;
  /** Lines added and removed compared with the deployed source (update). */
  readonly added?: number;
  readonly removed?: number;
  /** Why a document is skipped. */
  readonly reason?: string;
  readonly source: string;
  /** Line of the document in the whole file (0-based), for error positions. */
  readonly lineOffset: number;
}

/** Where a deploy goes. */
export interface DeployTarget {
  readonly workspaceId: number;
  readonly apiGroupId: number;
}

const KINDS = new Set(["query", "function", "task", "table"]);

function sourceOf(x: unknown): string | undefined {
  if (typeof x === "string") return x;
  if (x && typeof x === "object" && "value" in x) {
    const v = (x as { value?: unknown }).value;
    return typeof v === "string" ? v : undefined;
  }
  return undefined;
}

/** Counts lines only in `after` (added) and only in `before` (removed), as multisets. */
export function lineChanges(before: string, after: string): { added: number; removed: number } {
  const count = new Map<string, number>();
  for (const l of before.trim().split("\n")) count.set(l.trim(), (count.get(l.trim()) ?? 0) + 1);
  let added = 0;
  for (const l of after.trim().split("\n")) {
    const n = count.get(l.trim()) ?? 0;
    if (n > 0) count.set(l.trim(), n - 1);
    else added++;
  }
  const removed = [...count.values()].reduce((a, b) => a + b, 0);
  return { added, removed };
}

interface Existing {
  readonly id: number;
  readonly name: string;
  readonly verb?: string | null;
  readonly xanoscript?: unknown;
}

async function findExisting(
  client: DeployClient,
  target: DeployTarget,
  kind: string,
  name: string,
): Promise<Existing[]> {
  const options = { search: name, includeXanoscript: true, perPage: 100 };
  const w = target.workspaceId;
  const page = kind === "query"
    ? await client.listApis(w, target.apiGroupId, options)
    : kind === "function"
    ? await client.listFunctions(w, options)
    : kind === "task"
    ? await client.listTasks(w, options)
    : await client.listTables(w, options);
  return page.items as unknown as Existing[];
}

/** Reads the workspace and plans each document of `source`. */
export async function planDeploy(
  client: DeployClient,
  target: DeployTarget,
  source: string,
): Promise<PlanStep[]> {
  const steps: PlanStep[] = [];
  let groupName: string | undefined;
  for (const slice of splitMultidoc(source)) {
    if (slice.text.trim() === "") continue;
    const [object] = summarizeXanoScript(slice.text).objects;
    const text = slice.text.trim();
    const base = { source: text, lineOffset: slice.lineOffset };
    if (!object) {
      steps.push({ ...base, action: "skip", kind: "?", name: "?", reason: "not valid XanoScript" });
      continue;
    }
    const { kind, name, verb } = object;
    if (!KINDS.has(kind)) {
      const reason = kind === "api_group"
        ? "API groups are not deployed; the endpoints go to --api-group"
        : `deploying a ${kind} is not supported`;
      steps.push({ ...base, action: "skip", kind, name, reason });
      continue;
    }
    if (kind === "query" && object.apiGroup !== undefined) {
      groupName ??= (await client.getApiGroup(target.workspaceId, target.apiGroupId)).name;
      if (object.apiGroup !== groupName) {
        const reason = `the script says api_group = "${object.apiGroup}" but API group ` +
          `${target.apiGroupId} is "${groupName}"`;
        steps.push({ ...base, ...(verb ? { verb } : {}), action: "conflict", kind, name, reason });
        continue;
      }
    }
    const matches = (await findExisting(client, target, kind, name))
      .filter((e) => e.name === name && (kind !== "query" || e.verb === verb));
    const id = { ...(verb ? { verb } : {}) };
    if (matches.length === 0) {
      steps.push({ ...base, ...id, action: "create", kind, name });
      continue;
    }
    const current = sourceOf(matches[0].xanoscript) ?? "";
    const changes = lineChanges(current, text);
    const same = current.trim() === text;
    steps.push({
      ...base,
      ...id,
      action: same ? "unchanged" : "update",
      kind,
      name,
      id: matches[0].id,
      ...(same ? {} : changes),
    });
  }
  return steps;
}

/** One line of the plan, as shown before anything changes. */
export function describeStep(step: PlanStep): string {
  const what = `${step.kind} ${step.name}${step.verb ? ` ${step.verb}` : ""}`;
  switch (step.action) {
    case "create":
      return `  + create ${what}`;
    case "update":
      return `  ~ update ${what} (#${step.id}): +${step.added} -${step.removed} lines`;
    case "unchanged":
      return `  = unchanged ${what} (#${step.id})`;
    case "skip":
      return `  - skip ${what}: ${step.reason}`;
    case "conflict":
      return `  ! conflict ${what}: ${step.reason}`;
  }
}
