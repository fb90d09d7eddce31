/**
 * What every sandbox route handler gets: the data, the clock, the fault
 * controller, generators and the XanoScript gate, plus the Hono environment
 * type that carries the authenticated principal.
 *
 * @module
 */

import type { Clock, IdGenerator } from "../clock.ts";
import type { SandboxDb } from "./db.ts";
import type { FaultController } from "./faults.ts";
import type { Principal } from "./tokens.ts";
import type { XanoScriptGate } from "./xanoscript.ts";

/** Shared dependencies of the sandbox's routes. */
export interface SandboxContext {
  readonly db: SandboxDb;
  readonly clock: Clock;
  readonly faults: FaultController;
  /** Ids for guids and generated canonicals. */
  readonly ids: IdGenerator;
  /** Unguessable token secrets. */
  readonly secret: () => string;
  /**
   * Lifetime of a token of `kind` issued now: the `meta_token_ttl` fault (Metadata
   * tokens), then the `token_ttl` fault, then the configured TTL.
   */
  tokenTtlMs(kind: "auth" | "meta"): number;
  readonly demo: { readonly email: string; readonly password: string };
  readonly xs: XanoScriptGate;
  /** Path prefix before `/api:meta` and `/api:auth`, e.g. `/_sandbox`. */
  readonly basePath: string;
}

/** Hono environment of the sandbox's apps. */
export interface SandboxEnv {
  Variables: {
    principal: Principal;
  };
}
