/**
 * Replays a translated program on real builders. Only whitelisted methods
 * are called, by name from a fixed table; callbacks become functions that
 * replay their own call lists. Diagnostics get the position of their call.
 *
 * @module
 */

import type { Diagnostic } from "../diagnostics.ts";
import type { Document } from "./ast.ts";
import { LogicBuilder } from "./builder.ts";
import { undeclaredInputs } from "./checks.ts";
import { diagnostic, locate } from "./diagnostic.ts";
import { create, createFunction, createTask } from "./entry.ts";
import { GROUP_METHOD_ALIASES, LOGIC_METHOD_ALIASES, TABLE_METHOD_ALIASES } from "./fix_aliases.ts";
import type { ArgIR, BuilderIR, CallIR, ProgramIR } from "./ir.ts";
import { methodsOf } from "./methods.ts";
import { ApiGroupBuilder, createApiGroup, createTable, TableBuilder } from "./schema_builders.ts";
import type { SdkValue } from "./values.ts";

type AnyBuilder = LogicBuilder | TableBuilder | ApiGroupBuilder;
type Invoke = (...args: unknown[]) => AnyBuilder;

/** A compiled object as reported to callers. */
export interface CompiledObject {
  readonly kind: string;
  readonly name: string;
  readonly verb?: string;
}

/** The documents a program builds, with every diagnostic. */
export interface RunResult {
  readonly documents: readonly Document[];
  readonly objects: readonly CompiledObject[];
  readonly diagnostics: readonly Diagnostic[];
}

const FACTORY: Readonly<Record<string, (...args: string[]) => AnyBuilder>> = {
  create: (name, verb) => create(name, verb),
  createFunction: (name) => createFunction(name),
  createTask: (name) => createTask(name),
  createTable: (name) => createTable(name),
  createApiGroup: (name, canonical) => createApiGroup(name, canonical),
};

function kindOf(builder: AnyBuilder): string {
  return builder instanceof TableBuilder
    ? "table"
    : builder instanceof ApiGroupBuilder
    ? "api_group"
    : "logic";
}

function unknownMethod(method: string, kind: string, call: CallIR): Diagnostic {
  const aliases = kind === "table"
    ? TABLE_METHOD_ALIASES
    : kind === "api_group"
    ? GROUP_METHOD_ALIASES
    : LOGIC_METHOD_ALIASES;
  const known = methodsOf(kind);
  const suggestion = aliases.get(method) ??
    [...known].find((m) => m.toLowerCase() === method.toLowerCase());
  const what = kind === "logic"
    ? "an endpoint, function or task"
    : kind === "table"
    ? "a table"
    : "an API group";
  return diagnostic("SDK_UNKNOWN_METHOD", `.${method}() is not a method of ${what} builder`, {
    fix: suggestion ? `did you mean .${suggestion}()?` : `use one of: ${[...known].join(", ")}`,
    line: call.pos.line,
    column: call.pos.column,
  });
}

function replay(start: AnyBuilder, calls: readonly CallIR[], out: Diagnostic[]): AnyBuilder {
  let builder = start;
  for (const call of calls) {
    const kind = kindOf(builder);
    if (!methodsOf(kind).has(call.method)) {
      out.push(unknownMethod(call.method, kind, call));
      continue;
    }
    const args = call.args.map((a: ArgIR) =>
      a.kind === "value" ? a.value : (body: AnyBuilder) => replay(body, a.calls, out)
    );
    const before = builder.diagnostics.length;
    const invoke = (builder as unknown as Record<string, Invoke>)[call.method];
    builder = invoke.apply(builder, args);
    if (builder.diagnostics.length > before) {
      builder = builder.atSource(call.pos.line, call.pos.column);
    }
  }
  return builder;
}

function runOne(ir: BuilderIR, out: Diagnostic[]): Document {
  const args = ir.args.map((a) => a.kind === "value" ? a.value as SdkValue : undefined);
  const start = FACTORY[ir.factory](...(args as string[])).atSource(ir.pos.line, ir.pos.column);
  const builder = replay(start, ir.calls, out);
  const { document, diagnostics } = builder.finish();
  // what is still positionless (unclosed blocks, a missing response) belongs to the factory call
  out.push(...locate(diagnostics, ir.pos.line, ir.pos.column));
  out.push(...locate(undeclaredInputs(document), ir.pos.line, ir.pos.column));
  return document;
}

/** Builds every document of `program`. */
export function runProgram(program: ProgramIR): RunResult {
  const diagnostics: Diagnostic[] = [...program.diagnostics];
  const documents: Document[] = [];
  const objects: CompiledObject[] = [];
  for (const ir of program.builders) {
    const doc = runOne(ir, diagnostics);
    documents.push(doc);
    objects.push({
      kind: doc.kind,
      name: doc.name,
      ...(doc.kind === "query" ? { verb: doc.verb } : {}),
    });
  }
  if (program.builders.length === 0 && !diagnostics.some((d) => d.severity === "error")) {
    diagnostics.push(diagnostic("SDK_EMPTY", "The code creates no builder", {
      fix: 'start with create("name", "GET") or createFunction("name")',
      line: 1,
      column: 1,
    }));
  }
  return { documents, objects, diagnostics };
}
