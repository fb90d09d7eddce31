/**
 * The XanoScript gate: the one place create/update routes ask whether a
 * `text/x-xanoscript` body is acceptable and what object it describes.
 *
 * This build has no validator yet (`lib/xs` lands from the toolchain work),
 * so the gate refuses every script with a clear 501 rather than accepting
 * anything unchecked.
 *
 * @module
 */

import { XanoError } from "./errors.ts";

/** One input or schema field, as the script declares it. */
export interface ScriptField {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly list: boolean;
}

/** The object a valid script declares. */
export interface ScriptObject {
  /** First word of the script: `query`, `function`, `table`, `task`, `api_group`, … */
  readonly kind: string;
  readonly name: string;
  readonly verb?: string;
  readonly apiGroup?: string;
  readonly auth?: string;
  readonly description?: string;
  readonly inputs?: readonly ScriptField[];
  readonly fields?: readonly ScriptField[];
}

/** Accepts or refuses XanoScript sources. */
export interface XanoScriptGate {
  /** Whether scripts can be accepted at all in this build. */
  readonly available: boolean;
  /**
   * Returns the object `source` declares, or throws a Xano-style error: 400
   * with line and column for an invalid script or the wrong kind of object.
   */
  accept(source: string, kinds: readonly string[]): ScriptObject;
}

/** A gate that refuses every script with 501: no validator in this build. */
export function unavailableGate(): XanoScriptGate {
  return {
    available: false,
    accept() {
      throw new XanoError(
        501,
        "ERROR_CODE_NOT_IMPLEMENTED",
        "XanoScript validation is not available in this build: send JSON instead",
      );
    },
  };
}
