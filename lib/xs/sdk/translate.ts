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
import {
  type ArgIR,
  type BuilderIR,
  type CallIR,
  FACTORIES,
  HELPERS,
  type Pos,
  type ProgramIR,
} from "./ir.ts";
import {
  describe,
  FORBIDDEN_GLOBALS,
  FORBIDDEN_MEMBERS,
  forbidGlobal,
  notAllowed,
  posOf,
  reject,
  type Scope,
  snippet,
} from "./translate_scope.ts";
import { toArg } from "./translate_values.ts";
import type { SdkValue } from "./values.ts";

interface MutableBuilder {
  factory: string;
  args: readonly ArgIR[];
  calls: CallIR[];
  pos: Pos;
}

interface Chain {
  /** The builder the chain runs on. */
  readonly target: MutableBuilder;
  readonly calls: readonly CallIR[];
  /** `.build()` or `.build().script` ends the chain. */
  readonly built: boolean;
}

const LOOP_HINT = 'use .forEach(list, "item", b => …) or .while(cond, b => …)';
const HINTS: Readonly<Record<string, string>> = {
  ForStatement: LOOP_HINT,
  ForInStatement: LOOP_HINT,
  ForOfStatement: LOOP_HINT,
  WhileStatement: LOOP_HINT,
  DoWhileStatement: LOOP_HINT,
  IfStatement: ".conditional(expr).then(b => …).else(b => …).endConditional()",
  SwitchStatement: ".conditional(expr).then(…).elseIf(…).endConditional()",
  TryStatement: "XanoScript errors are handled with .precondition() and .throwError()",
  ThrowStatement: '.throwError("Name", "message")',
  FunctionDeclaration: "write the builder calls inline (no helper functions)",
  ClassDeclaration: "write the builder calls inline",
};

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
    callback: (fn, param) => callbackCalls(fn, param),
  };

  function chainOf(node: acorn.Node, param?: string): Chain | undefined {
    if (node.type === "Identifier") {
      const name = (node as acorn.Identifier).name;
      if (param !== undefined && name === param) return { target: PARAM, calls: [], built: false };
      const target = bindings.get(name);
      if (target) return { target, calls: [], built: false };
      if (FORBIDDEN_GLOBALS.has(name)) {
        return forbidGlobal(scope, node, name, "SDK code is translated, never run");
      }
      return reject(
        scope,
        node,
        "SDK_UNKNOWN_IDENTIFIER",
        `"${name}" is not a builder`,
        "start with create(name, verb), createFunction(name), createTask(name), createTable(name) or createApiGroup(name)",
      );
    }
    if (node.type === "MemberExpression") {
      const m = node as acorn.MemberExpression;
      const prop = m.property.type === "Identifier" ? m.property.name : undefined;
      if (m.computed || prop === undefined) {
        return notAllowed(
          scope,
          node,
          "Computed member access (x[…]) is not allowed in SDK code",
          "call builder methods by name: e.input(…)",
        );
      }
      if (FORBIDDEN_MEMBERS.has(prop)) {
        return reject(
          scope,
          m.property,
          "SDK_FORBIDDEN_MEMBER",
          `"${prop}" cannot be accessed in SDK code`,
        );
      }
      let root: acorn.Node = m;
      while (root.type === "MemberExpression") root = (root as acorn.MemberExpression).object;
      if (root.type === "Identifier" && FORBIDDEN_GLOBALS.has((root as acorn.Identifier).name)) {
        const name = (root as acorn.Identifier).name;
        return forbidGlobal(scope, root, name, "SDK code is translated, never run");
      }
      if (prop === "script") {
        const inner = chainOf(m.object, param);
        if (inner && inner.built) return inner;
      }
      return notAllowed(
        scope,
        node,
        `Reading ".${prop}" is not allowed here`,
        "only builder method calls and .build().script are translated",
      );
    }
    if (node.type === "CallExpression") {
      const call = node as acorn.CallExpression;
      if (call.optional) {
        return reject(scope, node, "SDK_NOT_WHITELISTED", "Optional calls (?.) are not allowed");
      }
      if (call.callee.type === "Identifier") return factoryCall(call);
      if (call.callee.type === "Import" as string) {
        return reject(scope, node, "SDK_FORBIDDEN", "Dynamic import() is not allowed in SDK code");
      }
      if (call.callee.type !== "MemberExpression") {
        if (call.callee.type === "CallExpression" && !chainOf(call.callee, param)) return undefined;
        return notAllowed(
          scope,
          node,
          `${describe(call.callee.type)} cannot be called in SDK code`,
        );
      }
      const member = call.callee as acorn.MemberExpression;
      if (member.computed || member.property.type !== "Identifier") {
        return notAllowed(
          scope,
          member,
          "Computed member access (x[…]) is not allowed in SDK code",
          "call builder methods by name: e.input(…)",
        );
      }
      const method = member.property.name;
      if (FORBIDDEN_MEMBERS.has(method)) {
        return reject(
          scope,
          member.property,
          "SDK_FORBIDDEN_MEMBER",
          `"${method}" cannot be accessed in SDK code`,
        );
      }
      const inner = chainOf(member.object, param);
      if (!inner) return undefined;
      if (inner.built) {
        return notAllowed(
          scope,
          member.property,
          `.${method}() after .build() is not translated`,
          "call .build() last",
        );
      }
      if (method === "build") return { ...inner, built: true };
      const args: ArgIR[] = [];
      for (const a of call.arguments) {
        const arg = a.type === "SpreadElement"
          ? reject(scope, a, "SDK_NOT_WHITELISTED", "Spread arguments are not allowed")
          : toArg(scope, a);
        // a rejected argument drops this call but keeps the chain, so later calls are still checked
        if (!arg) return inner;
        args.push(arg);
      }
      return { ...inner, calls: [...inner.calls, { method, args, pos: posOf(member.property) }] };
    }
    if (node.type === "ImportExpression") {
      return reject(
        scope,
        node,
        "SDK_FORBIDDEN",
        "Dynamic import() is not allowed in SDK code",
        "SDK code is translated, never run",
      );
    }
    if (node.type === "NewExpression") {
      return notAllowed(
        scope,
        node,
        "new is not allowed in SDK code",
        "start with create(name, verb)",
      );
    }
    return notAllowed(
      scope,
      node,
      `${describe(node.type)} is not translated`,
      "SDK code is a list of builder calls",
    );
  }

  function factoryCall(call: acorn.CallExpression): Chain | undefined {
    const name = (call.callee as acorn.Identifier).name;
    const factory = FACTORIES[name];
    if (!factory) {
      if (FORBIDDEN_GLOBALS.has(name)) {
        return forbidGlobal(
          scope,
          call,
          name,
          name === "fetch"
            ? "use .apiRequest(url, method, options, alias)"
            : "SDK code is translated, never run",
        );
      }
      if (HELPERS.has(name)) {
        return notAllowed(scope, call, `${name}() makes a value; pass it to a builder method`);
      }
      return reject(
        scope,
        call,
        "SDK_UNKNOWN_IDENTIFIER",
        `"${name}" is not an SDK function`,
        "start with create(name, verb), createFunction(name), createTask(name), createTable(name) or createApiGroup(name)",
      );
    }
    const args: ArgIR[] = [];
    for (const a of call.arguments) {
      const arg = a.type === "SpreadElement" ? undefined : toArg(scope, a);
      if (!arg) {
        return a.type === "SpreadElement"
          ? reject(scope, a, "SDK_NOT_WHITELISTED", "Spread arguments are not allowed")
          : undefined;
      }
      args.push(arg);
    }
    if (name !== factory && name !== "endpoint" && scope.fix) {
      fixes.push({
        rule: "factory-alias",
        before: `${name}(`,
        after: `${factory}(`,
        line: posOf(call).line,
      });
    }
    const target: MutableBuilder = { factory, args, calls: [], pos: posOf(call) };
    builders.push(target);
    return { target, calls: [], built: false };
  }

  const PARAM: MutableBuilder = { factory: "", args: [], calls: [], pos: { line: 0, column: 0 } };

  function callbackCalls(fn: acorn.Function, param: string): readonly CallIR[] | undefined {
    const calls: CallIR[] = [];
    const take = (node: acorn.Node): boolean => {
      const chain = chainOf(node, param);
      if (!chain) return false;
      if (chain.target !== PARAM) {
        reject(
          scope,
          node,
          "SDK_BAD_CALLBACK",
          `A block callback may only call methods on "${param}"`,
          `${param} => ${param}.var(…)`,
        );
        return false;
      }
      calls.push(...chain.calls);
      return true;
    };
    if (fn.body.type !== "BlockStatement") return take(fn.body) ? calls : undefined;
    for (const stmt of (fn.body as acorn.BlockStatement).body) {
      if (stmt.type === "ExpressionStatement") {
        if (!take((stmt as acorn.ExpressionStatement).expression)) return undefined;
      } else if (stmt.type === "ReturnStatement") {
        const arg = (stmt as acorn.ReturnStatement).argument;
        if (arg && !take(arg)) return undefined;
      } else if (stmt.type !== "EmptyStatement") {
        return notAllowed(
          scope,
          stmt,
          `${describe(stmt.type)} is not allowed in a block callback`,
          HINTS[stmt.type] ?? `${param} => ${param}.var(…)`,
        );
      }
    }
    return calls;
  }

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
          fixes.push({
            rule: "drop-console",
            before: snippet(scope, e),
            after: "",
            line: posOf(e).line,
          });
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
