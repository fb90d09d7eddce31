/**
 * The translated program: which builders the SDK code creates and the method
 * calls made on each, with source positions. The translator produces it, the
 * auto-fixer rewrites it, the runner replays it on real builders.
 *
 * @module
 */

import type { Diagnostic, Fix } from "../diagnostics.ts";
import type { SdkValue } from "./values.ts";

/** A 1-based source position. */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

/** One argument: a value, or a callback filling a nested block. */
export type ArgIR =
  | { readonly kind: "value"; readonly value: SdkValue | undefined; readonly pos: Pos }
  | {
    readonly kind: "callback";
    readonly param: string;
    readonly calls: readonly CallIR[];
    readonly pos: Pos;
  };

/** One method call on a builder. */
export interface CallIR {
  readonly method: string;
  readonly args: readonly ArgIR[];
  readonly pos: Pos;
}

/** One builder created by the program (one document). */
export interface BuilderIR {
  /** The entry point called: `create`, `createFunction`, `createTable`, … */
  readonly factory: string;
  readonly args: readonly ArgIR[];
  readonly calls: readonly CallIR[];
  readonly pos: Pos;
}

/** A whole translated program. */
export interface ProgramIR {
  readonly builders: readonly BuilderIR[];
  readonly diagnostics: readonly Diagnostic[];
  /** Repairs made while translating (only with `fix`). */
  readonly fixes: readonly Fix[];
}

/** The SDK's entry points, by the names SDK code calls them. */
export const FACTORIES: Readonly<Record<string, string>> = Object.freeze({
  create: "create",
  endpoint: "create",
  createEndpoint: "create",
  createFunction: "createFunction",
  createTask: "createTask",
  createTable: "createTable",
  createApiGroup: "createApiGroup",
});

/** Value helpers SDK code may call. */
export const HELPERS: ReadonlySet<string> = new Set(["expr", "buildObject", "buildArray", "chain"]);
