/**
 * Metadata API routes that exist on Xano but that this test double does not
 * emulate. They answer 501 `ERROR_CODE_NOT_IMPLEMENTED` with a message that
 * says so, instead of a 404 that would suggest a wrong path.
 *
 * @module
 */

import type { Hono } from "hono";
import type { SandboxContext, SandboxEnv } from "../context.ts";
import { XanoError } from "../errors.ts";

const WS = "/workspace/:workspace_id";

/** `[method, path, what]` of each route Xano has and the sandbox does not. */
export const UNSUPPORTED_ROUTES: readonly (readonly [string, string, string])[] = [
  [
    "POST",
    `${WS}/function/run`,
    "running functions (the sandbox stores XanoScript, it never runs it)",
  ],
  ["POST", `${WS}/export`, "workspace export"],
  ["POST", `${WS}/export-schema`, "workspace schema export"],
  ["POST", `${WS}/import`, "workspace import"],
  ["POST", `${WS}/import-schema`, "workspace schema import"],
  ["GET", `${WS}/context`, "the AI context map"],
  ["GET", `${WS}/file`, "files"],
  ["POST", `${WS}/file`, "files"],
  ["DELETE", `${WS}/file/bulk_delete`, "files"],
  ["DELETE", `${WS}/file/:file_id`, "files"],
  ["POST", `${WS}/branch/:label`, "branches other than the live one"],
  ["PUT", `${WS}/branch/:label`, "branches other than the live one"],
  ["DELETE", `${WS}/branch/:label`, "branches other than the live one"],
  ["POST", `${WS}/branch/:label/live`, "branches other than the live one"],
  ["GET", `${WS}/realtime`, "realtime settings"],
  ["PUT", `${WS}/realtime`, "realtime settings"],
];

/** Registers the 501 answers. */
export function unsupportedRoutes(app: Hono<SandboxEnv>, _ctx: SandboxContext): void {
  for (const [method, path, what] of UNSUPPORTED_ROUTES) {
    app.on(method, path, () => {
      throw new XanoError(
        501,
        "ERROR_CODE_NOT_IMPLEMENTED",
        `The local sandbox does not emulate ${what}: use a real Xano instance for this`,
      );
    });
  }
}
