/**
 * Whole-document checks the builders cannot make call by call: an endpoint
 * or function that reads `$input.x` without declaring input `x` (Xano would
 * pass null), reported as a warning with the line to add.
 *
 * @module
 */

import type { Diagnostic } from "../diagnostics.ts";
import type { Attribute, Document, StackNode } from "./ast.ts";
import { diagnostic } from "./diagnostic.ts";
import type { Value } from "./values.ts";

const INPUT_REF = /\$input\.([A-Za-z_][A-Za-z0-9_]*)/g;

function collectValue(value: Value, out: Set<string>): void {
  switch (value.kind) {
    case "expr":
      for (const m of value.text.matchAll(INPUT_REF)) out.add(m[1]);
      return;
    case "object":
      for (const [, v] of value.entries) collectValue(v, out);
      return;
    case "array":
      for (const v of value.items) collectValue(v, out);
      return;
  }
}

function collectAttributes(attributes: readonly Attribute[], out: Set<string>): void {
  for (const [, v] of attributes) collectValue(v, out);
}

function collectStack(nodes: readonly StackNode[], out: Set<string>): void {
  for (const node of nodes) {
    switch (node.kind) {
      case "statement":
        if (node.subject) collectValue({ kind: "expr", text: node.subject }, out);
        collectAttributes(node.attributes, out);
        break;
      case "conditional":
        for (const b of node.branches) {
          if (b.condition) collectValue(b.condition, out);
          collectStack(b.body, out);
        }
        break;
      case "foreach":
        collectValue(node.list, out);
        collectStack(node.body, out);
        break;
      case "while":
        collectValue(node.condition, out);
        collectStack(node.body, out);
        break;
    }
  }
}

/** Warnings for inputs a `query` or `function` reads but does not declare. */
export function undeclaredInputs(doc: Document): Diagnostic[] {
  if (doc.kind !== "query" && doc.kind !== "function") return [];
  const used = new Set<string>();
  collectStack(doc.stack, used);
  if (doc.response) collectValue(doc.response, used);
  const declared = new Set(doc.input.map((f) => f.name));
  const pathParams = doc.kind === "query"
    ? new Set([...doc.name.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
    : new Set<string>();
  return [...used].filter((name) => !declared.has(name)).map((name) =>
    diagnostic(
      "SDK_UNDECLARED_INPUT",
      `$input.${name} is read but "${name}" is not declared with .input()`,
      {
        severity: "warning",
        fix: `.input("${name}", "${pathParams.has(name) ? "int" : "text"}") before it is used`,
      },
    )
  );
}
