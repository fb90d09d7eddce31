/**
 * Chain resolution for the SDK translator: turns `create(…).a(…).b(…)`,
 * `e.a(…)` on a bound builder, and block callbacks (`b => b.a(…)`) into
 * method-call lists on the builder they run on. Only factory calls and
 * named method calls are accepted; everything else is rejected here.
 *
 * @module
 */

import type * as acorn from "acorn";
import { type ArgIR, type CallIR, FACTORIES, HELPERS, type Pos } from "./ir.ts";
import {
  describe,
  FORBIDDEN_GLOBALS,
  FORBIDDEN_MEMBERS,
  forbidGlobal,
  notAllowed,
  posOf,
  reject,
  type Scope,
} from "./translate_scope.ts";
import { toArg } from "./translate_values.ts";
import { HINTS } from "./translate_hints.ts";

/** A builder the program creates, while its calls are being collected. */
export interface MutableBuilder {
  factory: string;
  args: readonly ArgIR[];
  calls: CallIR[];
  pos: Pos;
}

export interface Chain {
  /** The builder the chain runs on. */
  readonly target: MutableBuilder;
  readonly calls: readonly CallIR[];
  /** `.build()` or `.build().script` ends the chain. */
  readonly built: boolean;
}

/** State the resolver shares with the program walker. */
export interface ChainContext {
  readonly scope: Scope;
  /** Every builder created so far, in creation order. */
  readonly builders: MutableBuilder[];
  /** Variable name → the builder it is bound to. */
  readonly bindings: Map<string, MutableBuilder>;
}

/** The resolver: `chainOf` for expressions, `callbackCalls` for block callbacks. */
export interface ChainResolver {
  chainOf(node: acorn.Node, param?: string): Chain | undefined;
  callbackCalls(fn: acorn.Function, param: string): readonly CallIR[] | undefined;
}

/** Creates a resolver over `context`. */
export function chainResolver(context: ChainContext): ChainResolver {
  const { scope, builders, bindings } = context;
  const fixes = scope.fixes;

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

  return { chainOf, callbackCalls };
}
