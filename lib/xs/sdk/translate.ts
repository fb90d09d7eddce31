/**
 * The SDK-code translator: JavaScript written against the fluent SDK is
 * parsed with acorn and interpreted over a whitelist — builder bindings,
 * chained or statement-style method calls, literals, callbacks, and a final
 * `return x.build().script`. Nothing is evaluated; anything else becomes a
 * diagnostic with a position and the allowed alternative.
 *
 * @module
 */

import * as acorn from "acorn";
import type { Diagnostic, Fix } from "../diagnostics.ts";
import { diagnostic } from "./diagnostic.ts";
import { type BuilderIR, FACTORIES, HELPERS, type ProgramIR } from "./ir.ts";
import { type Chain, chainResolver, type MutableBuilder } from "./translate_chain.ts";
import { HINTS } from "./translate_hints.ts";
import {
  describe,
  FORBIDDEN_GLOBALS,
  forbidGlobal,
  notAllowed,
  noteFix,
  posOf,
  type Scope,
} from "./translate_scope.ts";
import { toArg } from "./translate_values.ts";
import type { SdkValue } from "./values.ts";
/** Parses and interprets SDK code into a {@link ProgramIR}. */
export function translate(source: string, options: { fix?: boolean } = {}): ProgramIR {
  const diagnostics: Diagnostic[] = [];
  const fixes: Fix[] = [];
  let program: acorn.Program;
  try {
    program = acorn.parse(source, {
      ecmaVersion: "latest",
      sourceType: "module",
      allowReturnOutsideFunction: true,
      locations: true,
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = String((error as Error).message).replace(/ \(\d+:\d+\)$/, "");
    diagnostics.push(diagnostic("SDK_SYNTAX", `JavaScript syntax error: ${message}`, {
      line: loc?.line ?? 1,
      column: (loc?.column ?? 0) + 1,
    }));
    return { builders: [], diagnostics, fixes };
  }
  const builders: MutableBuilder[] = [];
  const bindings = new Map<string, MutableBuilder>();
  const scope: Scope = {
    fix: options.fix === true,
    diagnostics,
    fixes,
    constants: new Map(),
    builders: new Set(),
    source,
    callback: (fn, param) => resolver.callbackCalls(fn, param),
  };
  const resolver = chainResolver({ scope, builders, bindings });
  const chainOf = resolver.chainOf;

  function apply(chain: Chain): void {
    chain.target.calls.push(...chain.calls);
  }

  function literalValue(node: acorn.Node): SdkValue | undefined {
    const probe: Scope = { ...scope, diagnostics: [], fixes: [] };
    const arg = toArg(probe, node);
    return arg?.kind === "value" && probe.diagnostics.length === 0 && arg.value !== undefined
      ? arg.value
      : undefined;
  }

  function declare(decl: acorn.VariableDeclarator): void {
    if (decl.id.type !== "Identifier") {
      notAllowed(
        scope,
        decl.id,
        "Destructuring is not allowed in SDK code",
        "const e = create(name, verb)",
      );
      return;
    }
    const name = decl.id.name;
    if (!decl.init) {
      notAllowed(
        scope,
        decl,
        `"${name}" must be bound to a builder when declared`,
        `const ${name} = create(name, verb)`,
      );
      return;
    }
    const isChain = decl.init.type === "CallExpression" || decl.init.type === "MemberExpression" ||
      decl.init.type === "Identifier" && bindings.has((decl.init as acorn.Identifier).name);
    const literal = isChain ? undefined : literalValue(decl.init);
    if (literal !== undefined) {
      scope.constants.set(name, literal);
      if (!scope.fix) {
        notAllowed(
          scope,
          decl,
          `"${name}" is bound to a plain value; only builders can be bound`,
          "write the value inline where it is used",
        );
      }
      return;
    }
    const chain = chainOf(decl.init);
    if (!chain) return;
    apply(chain);
    bindings.set(name, chain.target);
    scope.builders.add(name);
  }

  function statement(stmt: acorn.Node): void {
    switch (stmt.type) {
      case "EmptyStatement":
        return;
      case "VariableDeclaration":
        for (const d of (stmt as acorn.VariableDeclaration).declarations) declare(d);
        return;
      case "ExpressionStatement": {
        const e = (stmt as acorn.ExpressionStatement).expression;
        if (e.type === "Literal" && (stmt as acorn.ExpressionStatement).directive) return;
        if (e.type === "AssignmentExpression") return assign(e as acorn.AssignmentExpression);
        if (
          e.type === "CallExpression" && isConsole((e as acorn.CallExpression).callee) && scope.fix
        ) {
          noteFix(scope, e, "drop-console", "");
          return;
        }
        const chain = chainOf(e);
        if (chain) apply(chain);
        return;
      }
      case "ReturnStatement": {
        const arg = (stmt as acorn.ReturnStatement).argument;
        if (!arg) return;
        if (arg.type === "Identifier" && scope.constants.has(arg.name)) return;
        const chain = chainOf(arg);
        if (chain) apply(chain);
        return;
      }
      case "ImportDeclaration": {
        for (const s of (stmt as acorn.ImportDeclaration).specifiers) {
          const local = s.local.name;
          if (!(local in FACTORIES) && !HELPERS.has(local) && local !== "FluentBuilder") {
            notAllowed(
              scope,
              s,
              `Importing "${local}" is not supported`,
              "the SDK functions are available without imports",
            );
          }
        }
        return;
      }
      case "ExportDefaultDeclaration":
      case "ExportNamedDeclaration": {
        const inner = (stmt as acorn.ExportNamedDeclaration).declaration;
        if (inner && /Declaration$/.test(inner.type)) statement(inner);
        else if (inner) {
          const chain = chainOf(inner);
          if (chain) apply(chain);
        }
        return;
      }
      default:
        notAllowed(
          scope,
          stmt,
          `${describe(stmt.type)} is not allowed in SDK code`,
          HINTS[stmt.type] ?? "SDK code is a list of builder calls",
        );
    }
  }

  function assign(e: acorn.AssignmentExpression): void {
    const target = scope.source.slice(e.left.start, e.left.end).replace(/\s+/g, "");
    if (scope.fix && /^(module\.)?exports(\.default)?$/.test(target)) {
      // CommonJS export of the result: the same as `return x.build().script`
      fixes.push({
        rule: "module-exports",
        before: `${target} =`,
        after: "return",
        line: posOf(e).line,
      });
      const chain = chainOf(e.right);
      if (chain) apply(chain);
      return;
    }
    let root: acorn.Node = e.left;
    while (root.type === "MemberExpression") root = (root as acorn.MemberExpression).object;
    if (root.type === "Identifier" && FORBIDDEN_GLOBALS.has((root as acorn.Identifier).name)) {
      const name = (root as acorn.Identifier).name;
      forbidGlobal(scope, root, name, "SDK code is translated, never run");
      return;
    }
    if (e.operator !== "=" || e.left.type !== "Identifier" || !bindings.has(e.left.name)) {
      notAllowed(
        scope,
        e,
        "Only a builder variable can be reassigned, to a chain on a builder",
        "e = e.input(…)",
      );
      return;
    }
    const chain = chainOf(e.right);
    if (!chain) return;
    apply(chain);
    bindings.set(e.left.name, chain.target);
  }

  for (const stmt of program.body) statement(stmt);
  const out: BuilderIR[] = builders.map((b) =>
    Object.freeze({ ...b, calls: Object.freeze([...b.calls]) })
  );
  return { builders: out, diagnostics, fixes };
}

function isConsole(node: acorn.Node): boolean {
  return node.type === "MemberExpression" &&
    (node as acorn.MemberExpression).object.type === "Identifier" &&
    ((node as acorn.MemberExpression).object as acorn.Identifier).name === "console";
}
