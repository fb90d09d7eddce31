/**
 * The Xano tool inventory: every toolset's tools in listing order.
 *
 * @module
 */

import type { AnyTool } from "../inventory.ts";
import type { XanoToolDeps } from "./_shared.ts";
import { apiTools } from "./apis.ts";
import { codeTools } from "./code.ts";
import { debugTools } from "./debug.ts";
import { instanceTools } from "./instances.ts";
import { opsTools } from "./ops.ts";
import { recordTools } from "./records.ts";
import { schemaTools } from "./schema.ts";
import { tableTools } from "./tables.ts";
import { templateTools } from "./templates.ts";

/** Every Xano tool. */
export const XANO_TOOLS: readonly AnyTool<XanoToolDeps>[] = [
  ...instanceTools,
  ...tableTools,
  ...schemaTools,
  ...recordTools,
  ...apiTools,
  ...codeTools,
  ...templateTools,
  ...opsTools,
  ...debugTools,
];

export type { XanoApi, XanoToolDeps } from "./_shared.ts";
