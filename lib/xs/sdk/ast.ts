/**
 * The frozen document tree the SDK builds and the printer writes. Every node
 * is a readonly plain object with a `kind`.
 *
 * @module
 */

import type { Value } from "./values.ts";

/** One `name = value` attribute of a statement block. */
export type Attribute = readonly [name: string, value: Value];

/** A block statement such as `db.get user { … } as $user` or `var $x { … }`. */
export interface StatementNode {
  readonly kind: "statement";
  /** `db.get`, `var`, `precondition`, … */
  readonly keyword: string;
  /** Text between the keyword and `{`: a table, `$name`, `"fn"` or `(expr)`. */
  readonly subject?: string;
  readonly attributes: readonly Attribute[];
  /** The result variable, without `$`. */
  readonly alias?: string;
}

/** One `if`/`elseif`/`else` branch. */
export interface BranchNode {
  readonly kind: "branch";
  /** The condition; absent for `else`. */
  readonly condition?: Value;
  readonly body: readonly StackNode[];
}

/** `conditional { if … elseif … else … }`. */
export interface ConditionalNode {
  readonly kind: "conditional";
  readonly branches: readonly BranchNode[];
}

/** `foreach (<list>) { each as $item { … } }`. */
export interface ForEachNode {
  readonly kind: "foreach";
  readonly list: Value;
  readonly item: string;
  readonly body: readonly StackNode[];
}

/** `while (<cond>) { each { … } }`. */
export interface WhileNode {
  readonly kind: "while";
  readonly condition: Value;
  readonly body: readonly StackNode[];
}

/** Anything that can stand in a stack. */
export type StackNode = StatementNode | ConditionalNode | ForEachNode | WhileNode;

/** One line of an `input` or `schema` block. */
export interface FieldNode {
  readonly kind: "field";
  readonly type: string;
  readonly name: string;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly default?: Value;
  readonly filters?: string;
  readonly attributes: readonly Attribute[];
}

/** `query`, `function` or `task`. */
export interface LogicDocument {
  readonly kind: "query" | "function" | "task";
  readonly name: string;
  readonly verb?: string;
  /** Top-level `name = value` settings printed before `input` (api_group, auth, …). */
  readonly settings: readonly Attribute[];
  readonly input: readonly FieldNode[];
  readonly stack: readonly StackNode[];
  readonly response?: Value;
  /** Task schedule rows. */
  readonly schedule?: Value;
}

/** `table`. */
export interface TableDocument {
  readonly kind: "table";
  readonly name: string;
  readonly settings: readonly Attribute[];
  readonly schema: readonly FieldNode[];
  readonly index: readonly Value[];
}

/** `api_group`. */
export interface ApiGroupDocument {
  readonly kind: "api_group";
  readonly name: string;
  readonly settings: readonly Attribute[];
}

/** One top-level XanoScript object. */
export type Document = LogicDocument | TableDocument | ApiGroupDocument;

/** Creates a frozen block statement. */
export function statement(
  keyword: string,
  attributes: readonly Attribute[],
  options: { subject?: string; alias?: string } = {},
): StatementNode {
  return Object.freeze({
    kind: "statement",
    keyword,
    attributes: Object.freeze([...attributes]),
    ...(options.subject === undefined ? {} : { subject: options.subject }),
    ...(options.alias === undefined ? {} : { alias: options.alias }),
  });
}
