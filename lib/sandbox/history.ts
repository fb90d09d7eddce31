/**
 * The request history: calls to the workspace's own APIs. The sandbox serves
 * one API group itself (the auth API), so its calls are what gets recorded,
 * in the workspace that holds the group with canonical `auth`; secrets in
 * inputs, headers and outputs are redacted before storing.
 *
 * @module
 */

import type { Context } from "hono";
import type { SandboxContext, SandboxEnv } from "./context.ts";
import type { HistoryEntry } from "./model.ts";

/** How many entries a workspace keeps; older ones are dropped. */
export const HISTORY_LIMIT = 1_000;

/** The canonical of the API group the auth API implements. */
export const AUTH_CANONICAL = "auth";

const SECRET = /pass(word)?|token|api_?key|authorization|secret|cookie/i;

/** Records one auth API call (called after the handler ran). */
export async function recordAuthCall(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  started: number,
): Promise<void> {
  const target = await findAuthGroup(ctx);
  if (!target) return;
  const path = new URL(c.req.url).pathname;
  const name = path.slice(path.indexOf("/api:auth/") + "/api:auth/".length);
  const endpoints = await ctx.db.logic(target.workspaceId, "api").list();
  const endpoint = endpoints.find((e) =>
    e.apigroup_id === target.groupId && e.name === name && e.verb === c.req.method
  );
  let input: unknown = {};
  if (c.req.method !== "GET") {
    try {
      input = JSON.parse(await c.req.text());
    } catch {
      input = {};
    }
  }
  let output: unknown = null;
  try {
    output = await c.res.clone().json();
  } catch {
    output = null;
  }
  const [id, sequence] = await ctx.db.nextId(["history", target.workspaceId]);
  const entry: HistoryEntry = {
    id,
    created_at: ctx.clock.now(),
    duration: Math.max(0, ctx.clock.now() - started) / 1000,
    status: c.res.status,
    verb: c.req.method,
    uri: path,
    input: redact(input),
    output: redact(output),
    request_headers: headerLines(c.req.raw.headers),
    response_headers: headerLines(c.res.headers),
    workspace_id: target.workspaceId,
    branch_id: 0,
    api_id: target.groupId,
    query_id: endpoint?.id ?? 0,
  };
  const mutations = [sequence, ctx.db.history(target.workspaceId).set(id, entry)];
  if (id > HISTORY_LIMIT) {
    mutations.push(ctx.db.history(target.workspaceId).delete(id - HISTORY_LIMIT));
  }
  await ctx.db.commit(mutations);
}

async function findAuthGroup(
  ctx: SandboxContext,
): Promise<{ workspaceId: number; groupId: number } | undefined> {
  for (const workspace of await ctx.db.workspaces.list()) {
    const groups = await ctx.db.apigroups(workspace.id).list();
    const group = groups.find((g) => g.canonical === AUTH_CANONICAL);
    if (group) return { workspaceId: workspace.id, groupId: group.id };
  }
  return undefined;
}

function headerLines(headers: Headers): string[] {
  return [...headers].map(([name, value]) =>
    `${name}: ${SECRET.test(name) ? "[redacted]" : value}`
  );
}

/** Replaces values whose keys look secret, at any depth. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET.test(k) ? "[redacted]" : redact(v)]),
    );
  }
  return value;
}
