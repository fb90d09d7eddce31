/**
 * OpenAPI 3 documents generated from the stored endpoints: for one endpoint,
 * one API group, or the whole workspace. Inputs become path, query or JSON
 * body parameters depending on the verb and the `{name}` segments of the path.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { notFound } from "../errors.ts";
import { idParam } from "../http.ts";
import { groupOf, workspaceOf } from "../lookups.ts";
import type { ApiGroup, Input, Logic } from "../model.ts";
import { requireScope } from "../tokens.ts";

type Json = Record<string, unknown>;

const BODYLESS = new Set(["GET", "DELETE", "HEAD"]);

/** Registers the three OpenAPI routes. */
export function openApiRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const base = "/workspace/:workspace_id";
  const allow = (c: Context<SandboxEnv>) => requireScope(c.get("principal").token, "api", "R");
  const origin = (c: Context<SandboxEnv>) => `${new URL(c.req.url).origin}${ctx.basePath}`;

  app.get(`${base}/openapi`, async (c) => {
    allow(c);
    const workspace = await workspaceOf(ctx, c);
    const groups = await ctx.db.apigroups(workspace.id).list();
    const endpoints = await ctx.db.logic(workspace.id, "api").list();
    const paths: Json = {};
    for (const group of groups) {
      const own = endpoints.filter((e) => e.apigroup_id === group.id);
      Object.assign(paths, pathsOf(own, `/api:${group.canonical}`));
    }
    return c.json(document(workspace.name, [{ url: origin(c) }], paths));
  });

  app.get(`${base}/apigroup/:apigroup_id/openapi`, async (c) => {
    allow(c);
    const workspace = await workspaceOf(ctx, c);
    const group = await groupOf(ctx, c, workspace);
    const endpoints = (await ctx.db.logic(workspace.id, "api").list())
      .filter((e) => e.apigroup_id === group.id);
    return c.json(groupDocument(c, group, endpoints));
  });

  app.get(`${base}/apigroup/:apigroup_id/api/:api_id/openapi`, async (c) => {
    allow(c);
    const workspace = await workspaceOf(ctx, c);
    const group = await groupOf(ctx, c, workspace);
    const id = idParam(c, "api_id", "Endpoint");
    const endpoint = await ctx.db.logic(workspace.id, "api").get(id);
    if (!endpoint || endpoint.apigroup_id !== group.id) {
      throw notFound(`Endpoint "${id}" was not found`);
    }
    return c.json(groupDocument(c, group, [endpoint]));
  });

  function groupDocument(c: Context<SandboxEnv>, group: ApiGroup, endpoints: Logic[]): Json {
    const servers = [{ url: `${origin(c)}/api:${group.canonical}` }];
    return document(group.name, servers, pathsOf(endpoints, ""), group.description);
  }
}

function document(title: string, servers: Json[], paths: Json, description = ""): Json {
  return {
    openapi: "3.0.0",
    info: { title, description, version: "0.0.1" },
    servers,
    paths,
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } },
  };
}

function pathsOf(endpoints: readonly Logic[], prefix: string): Json {
  const paths: Record<string, Json> = {};
  for (const endpoint of endpoints) {
    const path = `${prefix}/${endpoint.name.replace(/^\/+/, "")}`;
    const verb = (endpoint.verb ?? "GET").toLowerCase();
    (paths[path] ??= {})[verb] = operation(endpoint);
  }
  return paths;
}

function operation(endpoint: Logic): Json {
  const inPath = new Set([...endpoint.name.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
  const bodyless = BODYLESS.has(endpoint.verb ?? "GET");
  const parameters = endpoint.input
    .filter((i) => inPath.has(i.name) || bodyless)
    .map((i) => ({
      name: i.name,
      in: inPath.has(i.name) ? "path" : "query",
      required: inPath.has(i.name) || i.required,
      schema: schemaOf(i),
    }));
  const bodyInputs = bodyless ? [] : endpoint.input.filter((i) => !inPath.has(i.name));
  return {
    summary: endpoint.name,
    description: endpoint.description,
    ...(parameters.length ? { parameters } : {}),
    ...(bodyInputs.length
      ? {
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: Object.fromEntries(bodyInputs.map((i) => [i.name, schemaOf(i)])),
                required: bodyInputs.filter((i) => i.required).map((i) => i.name),
              },
            },
          },
        },
      }
      : {}),
    responses: { "200": { description: "Success" } },
    ...(endpoint.auth ? { security: [{ bearerAuth: [] }] } : {}),
  };
}

function schemaOf(input: Input): Json {
  const scalar: Json = {
    int: { type: "integer" },
    decimal: { type: "number" },
    bool: { type: "boolean" },
    email: { type: "string", format: "email" },
    password: { type: "string", format: "password" },
    uuid: { type: "string", format: "uuid" },
    date: { type: "string", format: "date" },
    timestamp: { type: "integer", description: "epoch milliseconds" },
    json: {},
    object: { type: "object" },
  }[input.type] as Json ?? { type: "string" };
  const schema = input.nullable ? { ...scalar, nullable: true } : scalar;
  return input.style === "list" ? { type: "array", items: schema } : schema;
}
