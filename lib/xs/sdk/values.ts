/**
 * SDK values and their XanoScript form. A JavaScript value given to a builder
 * method becomes a {@link Value}: strings starting with `$` (and {@link expr})
 * are expressions emitted as written, other strings are quoted literals,
 * objects and arrays convert recursively.
 *
 * @module
 */

/** An expression emitted verbatim (`expr("$a + 1")`). */
export class Expr {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
    Object.freeze(this);
  }
}

/** What builder methods accept as a value. */
export type SdkValue =
  | string
  | number
  | boolean
  | null
  | Expr
  | readonly SdkValue[]
  | { readonly [key: string]: SdkValue };

/** A converted value, ready for the printer. */
export type Value =
  | { readonly kind: "expr"; readonly text: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "multiline"; readonly text: string }
  | { readonly kind: "object"; readonly entries: readonly (readonly [string, Value])[] }
  | { readonly kind: "array"; readonly items: readonly Value[] };

/**
 * Marks text as an expression, emitted as written.
 *
 * @example
 * ```ts
 * create("sum", "GET").var("total", expr("$input.a + $input.b"));
 * ```
 */
export function expr(text: string): Expr {
  return new Expr(text);
}

/** An object literal (the seed SDK's helper; plain objects work the same). */
export function buildObject(object: { readonly [key: string]: SdkValue }): SdkValue {
  return object;
}

/** An array literal (the seed SDK's helper; plain arrays work the same). */
export function buildArray(items: readonly SdkValue[]): SdkValue {
  return items;
}

/**
 * A filter chain: `chain("$x", "trim", ["set", '"k"', "$v"])` is
 * `$x|trim|set:"k":$v`. Filter arguments are expressions, emitted as written.
 */
export function chain(base: string, ...filters: readonly (string | readonly string[])[]): Expr {
  const parts = filters.map((f) => typeof f === "string" ? f : f.join(":"));
  return new Expr([base, ...parts].join("|"));
}

/** The seed SDK's namespace for {@link chain}: `FluentBuilder.chain(…)`. */
export const FluentBuilder: { readonly chain: typeof chain } = Object.freeze({ chain });

/** Shared immutable values. */
export const NULL: Value = Object.freeze({ kind: "null" });

/** An expression value. */
export function exprValue(text: string): Value {
  return Object.freeze({ kind: "expr", text });
}

/** A quoted string value. */
export function stringValue(value: string): Value {
  return Object.freeze({ kind: "string", value });
}

/** Converts an SDK value (the `$`-prefix rule applies to strings). */
export function toValue(value: SdkValue): Value {
  if (value === null || value === undefined) return NULL;
  if (value instanceof Expr) return exprValue(value.text);
  switch (typeof value) {
    case "string":
      return value.startsWith("$") ? exprValue(value) : stringValue(value);
    case "number":
      return Object.freeze({ kind: "number", value });
    case "boolean":
      return Object.freeze({ kind: "bool", value });
  }
  if (Array.isArray(value)) {
    return Object.freeze({ kind: "array", items: Object.freeze(value.map(toValue)) });
  }
  const entries = Object.entries(value as { [key: string]: SdkValue })
    .map(([k, v]) => Object.freeze([k, toValue(v)] as const));
  return Object.freeze({ kind: "object", entries: Object.freeze(entries) });
}

/** Converts a value that is always an expression (conditions, arrays to loop over). */
export function toExpr(value: SdkValue): Value {
  if (typeof value === "string") return exprValue(value);
  return toValue(value);
}

/** True when `value` is a plain object (not an array, not an {@link Expr}). */
export function isPlainObject(value: unknown): value is { readonly [key: string]: SdkValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Expr);
}
