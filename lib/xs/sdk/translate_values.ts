/**
 * Converts argument expressions of SDK code into SDK values without running
 * anything: literals, object and array literals, template strings without
 * expressions, `expr()`, `buildObject()`, `buildArray()`,
 * `FluentBuilder.chain()`, and callbacks. Everything else is a diagnostic.
 *
 * @module
 */

import type * as acorn from "acorn";
import { TYPE_ALIASES } from "./fix_aliases.ts";
import { isFieldType } from "./names.ts";
import { quote } from "./print.ts";
import type { ArgIR } from "./ir.ts";
import {
  describe,
  FORBIDDEN_GLOBALS,
  FORBIDDEN_MEMBERS,
  forbidGlobal,
  notAllowed,
  noteFix,
  posOf,
  reject,
  type Scope,
} from "./translate_scope.ts";
import { buildArray, buildObject, chain, expr, isPlainObject, type SdkValue } from "./values.ts";

const NOT_A_VALUE =
  'use a literal, an object or array literal, a "$" expression string, or expr("…")';

/** Converts one argument. */
export function toArg(scope: Scope, node: acorn.Node): ArgIR | undefined {
  if (node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression") {
    const fn = node as acorn.Function;
    if (fn.params.length !== 1 || fn.params[0].type !== "Identifier" || fn.async || fn.generator) {
      return reject(
        scope,
        node,
        "SDK_BAD_CALLBACK",
        "A block callback takes exactly one parameter",
        "b => b.var(…)",
      );
    }
    const param = (fn.params[0] as acorn.Identifier).name;
    const calls = scope.callback(fn, param);
    return calls && { kind: "callback", param, calls, pos: posOf(node) };
  }
  const ok = { value: true };
  const value = toValueOf(scope, node, ok);
  return ok.value ? { kind: "value", value, pos: posOf(node) } : undefined;
}

function toValueOf(scope: Scope, node: acorn.Node, ok: { value: boolean }): SdkValue | undefined {
  const fail = (code: string, message: string, hint = NOT_A_VALUE): undefined => {
    ok.value = false;
    return reject(scope, node, code, message, hint);
  };
  switch (node.type) {
    case "Literal": {
      const lit = node as acorn.Literal;
      if ("regex" in lit && lit.regex) {
        return fail("SDK_NOT_WHITELISTED", "Regular expressions are not SDK values");
      }
      if (typeof lit.value === "bigint") {
        return fail("SDK_NOT_WHITELISTED", "BigInt literals are not SDK values");
      }
      return lit.value as SdkValue;
    }
    case "TemplateLiteral": {
      const t = node as acorn.TemplateLiteral;
      if (t.expressions.length > 0) {
        return fail(
          "SDK_TEMPLATE_EXPRESSION",
          "Template strings with ${…} are not translated",
          'write a XanoScript expression instead, e.g. "$input.first ~ \\" \\" ~ $input.last"',
        );
      }
      return t.quasis[0].value.cooked ?? "";
    }
    case "UnaryExpression": {
      const u = node as acorn.UnaryExpression;
      if (
        (u.operator === "-" || u.operator === "+") && u.argument.type === "Literal" &&
        typeof (u.argument as acorn.Literal).value === "number"
      ) {
        const n = (u.argument as acorn.Literal).value as number;
        return u.operator === "-" ? -n : n;
      }
      return fail(
        "SDK_NOT_WHITELISTED",
        `The operator "${u.operator}" is not evaluated in SDK code`,
        'write the condition as a string, e.g. "!$input.active"',
      );
    }
    case "ObjectExpression": {
      const out: Record<string, SdkValue> = {};
      for (const p of (node as acorn.ObjectExpression).properties) {
        if (p.type === "SpreadElement" && scope.fix) {
          const spread = toValueOf(scope, p.argument, ok);
          if (!ok.value) return undefined;
          if (!isPlainObject(spread)) {
            return fail(
              "SDK_NOT_WHITELISTED",
              "Only an object literal can be spread into an object",
            );
          }
          inlinedSpread(scope, p);
          Object.assign(out, spread);
          continue;
        }
        if (p.type !== "Property" || p.computed || p.kind !== "init" || p.method) {
          return fail(
            "SDK_NOT_WHITELISTED",
            "Only plain key: value properties are allowed in SDK objects",
            "{ key: value }",
          );
        }
        const key = p.key.type === "Identifier"
          ? p.key.name
          : String((p.key as acorn.Literal).value);
        if (key === "__proto__") {
          return fail("SDK_FORBIDDEN_MEMBER", 'The key "__proto__" is not allowed');
        }
        const v = toValueOf(scope, p.value, ok);
        if (!ok.value) return undefined;
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case "ArrayExpression": {
      const out: SdkValue[] = [];
      for (const el of (node as acorn.ArrayExpression).elements) {
        if (el?.type === "SpreadElement" && scope.fix) {
          const spread = toValueOf(scope, el.argument, ok);
          if (!ok.value) return undefined;
          if (!Array.isArray(spread)) {
            return fail("SDK_NOT_WHITELISTED", "Only an array literal can be spread into an array");
          }
          inlinedSpread(scope, el);
          out.push(...spread);
          continue;
        }
        if (el === null || el.type === "SpreadElement") {
          return fail(
            "SDK_NOT_WHITELISTED",
            "Array holes and spreads are not allowed in SDK values",
          );
        }
        const v = toValueOf(scope, el, ok);
        if (!ok.value) return undefined;
        out.push(v ?? null);
      }
      return out;
    }
    case "Identifier":
      return identifierValue(scope, node as acorn.Identifier, ok);
    case "MemberExpression":
      return memberValue(scope, node as acorn.MemberExpression, ok);
    case "CallExpression":
      return helperCall(scope, node as acorn.CallExpression, ok);
    case "BinaryExpression":
      return concatenation(scope, node as acorn.BinaryExpression, ok);
    case "ImportExpression":
      return fail(
        "SDK_FORBIDDEN",
        "Dynamic import() is not allowed in SDK code",
        "SDK code is translated, never run",
      );
    default:
      return fail("SDK_NOT_WHITELISTED", `${describe(node.type)} is not an SDK value`);
  }
}

/** Reports a spread of a literal (or constant) folded into its object or array. */
function inlinedSpread(scope: Scope, node: acorn.SpreadElement): void {
  noteFix(scope, node, "inline-spread", "(properties written out)");
}

function identifierValue(
  scope: Scope,
  node: acorn.Identifier,
  ok: { value: boolean },
): SdkValue | undefined {
  if (node.name === "undefined") return undefined;
  if (scope.constants.has(node.name)) {
    if (scope.fix) {
      const value = scope.constants.get(node.name)!;
      scope.fixes.push({
        rule: "inline-constant",
        before: node.name,
        after: JSON.stringify(value),
        line: posOf(node).line,
      });
      return value;
    }
  }
  ok.value = false;
  if (FORBIDDEN_GLOBALS.has(node.name)) {
    return reject(
      scope,
      node,
      "SDK_FORBIDDEN_GLOBAL",
      `"${node.name}" is not available in SDK code`,
      "SDK code is translated, never run: use the builder methods",
    );
  }
  if (scope.builders.has(node.name)) {
    return notAllowed(
      scope,
      node,
      `The builder "${node.name}" cannot be used as a value`,
      'refer to a result with a "$" string, e.g. "$user"',
    );
  }
  if (scope.constants.has(node.name)) {
    return notAllowed(
      scope,
      node,
      `"${node.name}" is a JavaScript variable; SDK values must be written inline`,
      "write the literal in place of the variable",
    );
  }
  if (scope.fix) {
    // a bare name that is no JavaScript binding can only mean a XanoScript variable, or a type name
    const isType = isFieldType(node.name) || TYPE_ALIASES.has(node.name) || node.name === "number";
    const text = isType ? node.name : `$${node.name}`;
    scope.fixes.push({
      rule: "bare-identifier",
      before: node.name,
      after: JSON.stringify(text),
      line: posOf(node).line,
    });
    ok.value = true;
    return text;
  }
  return reject(
    scope,
    node,
    "SDK_UNKNOWN_IDENTIFIER",
    `"${node.name}" is not defined in SDK code`,
    `to read a XanoScript variable write "$${node.name}"`,
  );
}

const XANO_ROOTS = new Set(["input", "auth", "env", "var", "db"]);

function memberPath(node: acorn.Node): string[] | undefined {
  if (node.type === "Identifier") return [(node as acorn.Identifier).name];
  if (node.type !== "MemberExpression") return undefined;
  const m = node as acorn.MemberExpression;
  if (m.computed || m.property.type !== "Identifier") return undefined;
  const head = memberPath(m.object);
  return head && [...head, (m.property as acorn.Identifier).name];
}

function memberValue(
  scope: Scope,
  node: acorn.MemberExpression,
  ok: { value: boolean },
): SdkValue | undefined {
  const path = memberPath(node);
  if (path && path.some((p) => FORBIDDEN_MEMBERS.has(p))) {
    ok.value = false;
    return reject(
      scope,
      node,
      "SDK_FORBIDDEN_MEMBER",
      `"${path.find((p) => FORBIDDEN_MEMBERS.has(p))}" cannot be accessed in SDK code`,
    );
  }
  if (
    path && XANO_ROOTS.has(path[0]) && !scope.constants.has(path[0]) && !scope.builders.has(path[0])
  ) {
    const text = `$${path.join(".")}`;
    if (scope.fix) {
      noteFix(scope, node, "js-member-to-expression", text);
      return expr(text);
    }
    ok.value = false;
    return notAllowed(
      scope,
      node,
      `${path.join(".")} is a JavaScript member access, not a XanoScript value`,
      `write it as the string "${text}"`,
    );
  }
  if (path && FORBIDDEN_GLOBALS.has(path[0])) {
    ok.value = false;
    return reject(
      scope,
      node,
      "SDK_FORBIDDEN_GLOBAL",
      `"${path[0]}" is not available in SDK code`,
      "SDK code is translated, never run: use the builder methods",
    );
  }
  ok.value = false;
  return notAllowed(
    scope,
    node,
    "Member access on JavaScript objects is not evaluated in SDK code",
    NOT_A_VALUE,
  );
}

function helperCall(
  scope: Scope,
  node: acorn.CallExpression,
  ok: { value: boolean },
): SdkValue | undefined {
  const path = memberPath(node.callee);
  const name = path?.join(".");
  const args: (SdkValue | undefined)[] = [];
  for (const a of node.arguments) {
    if (a.type === "SpreadElement") {
      ok.value = false;
      return reject(scope, a, "SDK_NOT_WHITELISTED", "Spread arguments are not allowed");
    }
    args.push(toValueOf(scope, a, ok));
    if (!ok.value) return undefined;
  }
  const str = (v: SdkValue | undefined): string => typeof v === "string" ? v : String(v ?? "");
  switch (name) {
    case "expr":
      return expr(str(args[0]));
    case "buildObject":
      return buildObject((args[0] ?? {}) as { [key: string]: SdkValue });
    case "buildArray":
      return buildArray((args[0] ?? []) as SdkValue[]);
    case "chain":
    case "FluentBuilder.chain":
      return chain(
        str(args[0]),
        ...args.slice(1).map((f) => Array.isArray(f) ? f.map(str) : str(f)),
      );
  }
  ok.value = false;
  if (path && FORBIDDEN_GLOBALS.has(path[0])) {
    return forbidGlobal(
      scope,
      node,
      name!,
      "SDK code is translated, never run: use .apiRequest() for HTTP calls",
    );
  }
  if (path && path.some((p) => FORBIDDEN_MEMBERS.has(p))) {
    return reject(
      scope,
      node,
      "SDK_FORBIDDEN_MEMBER",
      `"${name}" reaches the prototype chain and is not allowed`,
    );
  }
  return notAllowed(
    scope,
    node,
    `The call ${name ?? "(…)"}() is not an SDK helper`,
    "SDK values may use expr(), buildObject(), buildArray() and FluentBuilder.chain()",
  );
}

function concatenation(
  scope: Scope,
  node: acorn.BinaryExpression,
  ok: { value: boolean },
): SdkValue | undefined {
  if (node.operator === "+" && scope.fix) {
    const parts: acorn.Node[] = [];
    const collect = (n: acorn.Node): void => {
      if (n.type === "BinaryExpression" && (n as acorn.BinaryExpression).operator === "+") {
        collect((n as acorn.BinaryExpression).left);
        collect((n as acorn.BinaryExpression).right);
      } else parts.push(n);
    };
    collect(node);
    const values = parts.map((p) => toValueOf(scope, p, ok));
    if (!ok.value) return undefined;
    if (
      values.every((v) => typeof v === "string") &&
      values.some((v) => (v as string).startsWith("$"))
    ) {
      const text = values.map((v) => (v as string).startsWith("$") ? v : quote(v as string)).join(
        " ~ ",
      );
      noteFix(scope, node, "concat-to-tilde", text);
      return expr(text);
    }
  }
  ok.value = false;
  return notAllowed(
    scope,
    node,
    `JavaScript arithmetic ("${node.operator}") is not evaluated in SDK code`,
    'write it as a XanoScript expression string, e.g. "$input.a + 1" or "$a ~ $b"',
  );
}
