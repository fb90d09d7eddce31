/**
 * The product's resources and prompts on a 2026-07-28 server: the same data
 * as {@link ./resources.ts} and {@link ./prompts.ts}, registered through the
 * v2 SDK.
 *
 * @module
 */

import {
  completable,
  type McpServer as ModernMcpServer,
  ResourceTemplate,
} from "@modelcontextprotocol/server";
import { z } from "zod";
import { type Completer, PROMPTS } from "./prompts.ts";
import {
  listWorkspaceSchemas,
  QUICK_REFERENCE_RESOURCE,
  readQuickReference,
  readWorkspaceSchema,
  WORKSPACE_SCHEMA_RESOURCE,
} from "./resources.ts";
import type { XanoToolDeps } from "./tools/_shared.ts";

/** Registers the resources and prompts on a 2026-era server for one request. */
export function registerModernFeatures(server: ModernMcpServer, deps: XanoToolDeps): void {
  const quick = QUICK_REFERENCE_RESOURCE;
  server.registerResource(quick.name, quick.uri, quick.metadata, readQuickReference);
  const schema = WORKSPACE_SCHEMA_RESOURCE;
  server.registerResource(
    schema.name,
    new ResourceTemplate(schema.uriTemplate, { list: listWorkspaceSchemas(deps) }),
    schema.metadata,
    (uri, variables) => readWorkspaceSchema(deps, uri, variables.workspace_id),
  );
  for (const prompt of PROMPTS) {
    server.registerPrompt(prompt.name, {
      title: prompt.title,
      description: prompt.description,
      argsSchema: z.object(prompt.args(completable as unknown as Completer)),
    }, (args) => prompt.build(args as Record<string, string | undefined>));
  }
}
