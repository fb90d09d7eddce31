/**
 * The fluent SDK and its compiler: immutable builders that emit canonical
 * XanoScript, and `compileSdkCode`, which translates AI-written SDK
 * JavaScript (parsed, never run), repairs its usual mistakes and validates
 * the result. Pure: no I/O, safe to run in a browser.
 *
 * @example
 * ```ts
 * import { compileSdkCode, create } from "@/lib/xs/sdk/mod.ts";
 * create("ping", "GET").response({ ok: true }).build().script;
 * compileSdkCode(`create("ping", "GET").response({ ok: true })`, { fix: true });
 * ```
 * @module
 */

export { type BodyCallback, type BuildResult, LogicBuilder, type Lookup } from "./builder.ts";
export { create, createFunction, createTask } from "./entry.ts";
export {
  ApiGroupBuilder,
  canonicalOf,
  createApiGroup,
  createTable,
  TableBuilder,
} from "./schema_builders.ts";
export {
  buildArray,
  buildObject,
  chain,
  Expr,
  expr,
  FluentBuilder,
  type SdkValue,
} from "./values.ts";
export type { InputOptions } from "./fields.ts";
export type { DbQueryOptions } from "./db.ts";
export type { ApiRequestOptions } from "./statements.ts";
export type { Document } from "./ast.ts";
export { printDocument, printDocuments } from "./print.ts";
export {
  type CompileOptions,
  COMPILER_VERSION,
  type CompileResult,
  compileSdkCode,
  validateGenerated,
  type Validator,
} from "./compile.ts";
export { translate } from "./translate.ts";
export { fixProgram } from "./fix.ts";
